import { describe, expect, it } from 'vitest';
import { mentionedAgents, mentionedWords } from './mentions.js';

const ama = { id: '1', name: 'Ama Mensah', email: 'ama.mensah@example.edu' };
const ama2 = { id: '2', name: 'Ama Owusu', email: 'aowusu@example.edu' };
const kofi = { id: '3', name: 'Kofi', email: 'k.boateng+desk@example.edu' };
const noEmail = { id: '4', name: 'Esi Arthur', email: null };
const desk = [ama, ama2, kofi, noEmail];

describe('mention words', () => {
  it('finds @words at the start, after spaces and opening punctuation', () => {
    expect(mentionedWords('@ama please (@kofi) and "@esi"')).toEqual(['ama', 'kofi', 'esi']);
  });

  it('ignores an @ inside a word, such as an email address', () => {
    expect(mentionedWords('write to yaw@example.edu')).toEqual([]);
  });

  it('drops the sentence’s full stop and repeats', () => {
    expect(mentionedWords('Ask @Kofi. Or @kofi...')).toEqual(['kofi']);
  });

  it('keeps dots, plus and dashes inside the word', () => {
    expect(mentionedWords('@ama.mensah @k.boateng+desk')).toEqual(['ama.mensah', 'k.boateng+desk']);
  });
});

describe('mentioned agents', () => {
  it('matches the part of the email before the @', () => {
    expect(mentionedAgents('@ama.mensah', desk)).toEqual([ama]);
    expect(mentionedAgents('@k.boateng+desk', desk)).toEqual([kofi]);
  });

  it('matches the first name, reaching everyone who has it', () => {
    expect(mentionedAgents('@Ama look', desk)).toEqual([ama, ama2]);
  });

  it('matches the whole name without its spaces, ignoring case', () => {
    expect(mentionedAgents('@amaowusu', desk)).toEqual([ama2]);
    expect(mentionedAgents('@EsiArthur', desk)).toEqual([noEmail]);
  });

  it('matches nobody for an unknown word, or a part of a name', () => {
    expect(mentionedAgents('@mensah @am @nobody', desk)).toEqual([]);
    expect(mentionedAgents('no mention here', desk)).toEqual([]);
  });
});
