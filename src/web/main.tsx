// Entry point of the browser app: the design system's styles and the app's root.
import { render } from 'preact';
import { App } from './app/App.js';
import './styles/index.css';

render(<App />, document.getElementById('app')!);
