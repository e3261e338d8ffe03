import { render } from 'preact';

function Options() {
  return (
    <main>
      <h1>Eigen mailserver instellen</h1>
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
