import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root') as HTMLElement).render(<div data-app-state="ready">Evidence Workbench</div>);
