// Entry point of the browser app.
import { render } from 'preact';

function App() {
  return <h1>Switchboard</h1>;
}

render(<App />, document.getElementById('app')!);
