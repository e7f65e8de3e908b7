// A message's text with its light Markdown (format/markup.ts) rendered as elements: paragraphs,
// lists, code, bold, italic and links that open in a new tab without telling the page who sent
// the reader there. Everything is built as nodes whose text Preact escapes, never from HTML.
import { Fragment } from 'preact';
import { useMemo } from 'preact/hooks';
import { parseMessage, type Block, type Inline } from '../../format/markup.js';

export function MessageText({ text }: { text: string }) {
  const blocks = useMemo(() => parseMessage(text), [text]);
  return <div class="bubble__text">{blocks.map(renderBlock)}</div>;
}

function renderBlock(block: Block, key: number) {
  switch (block.kind) {
    case 'paragraph':
      return <p key={key}>{block.children.map(renderInline)}</p>;
    case 'codeBlock':
      return (
        <pre key={key} class="bubble__code">
          <code>{block.text}</code>
        </pre>
      );
    case 'list': {
      const items = block.items.map((item, index) => <li key={index}>{item.map(renderInline)}</li>);
      return block.ordered ? (
        <ol key={key} start={block.start === 1 ? undefined : block.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
  }
}

function renderInline(node: Inline, key: number) {
  switch (node.kind) {
    case 'text':
      return <Fragment key={key}>{node.text}</Fragment>;
    case 'break':
      // A newline in pre-wrap text: it breaks the line as <br> would, and copies as one.
      return <Fragment key={key}>{'\n'}</Fragment>;
    case 'strong':
      return <strong key={key}>{node.children.map(renderInline)}</strong>;
    case 'em':
      return <em key={key}>{node.children.map(renderInline)}</em>;
    case 'code':
      return <code key={key}>{node.text}</code>;
    case 'link':
      return (
        <a key={key} href={node.href} target="_blank" rel="noopener noreferrer nofollow ugc">
          {node.text}
        </a>
      );
  }
}
