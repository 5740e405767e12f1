import { NavLink, Route, Routes } from 'react-router';
import { DemoBanner } from './components/demo-banner.js';
import { NotFound } from './components/states.js';
import { AlertsPage } from './pages/alerts/alerts-page.js';
import { ExperimentPage } from './pages/experiment/experiment-page.js';
import { HostPage } from './pages/hosts/host-page.js';
import { HostsPage } from './pages/hosts/hosts-page.js';
import { NewExperimentPage } from './pages/new-experiment/new-experiment-page.js';
import { OverviewPage } from './pages/overview/overview-page.js';
import { MayCreate, SessionBadge, SessionGate } from './session/session.js';

export function App() {
  return (
    <>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="top-bar">
        <NavLink to="/" className="brand">
          Fleetlab
        </NavLink>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Experiments
          </NavLink>
          <NavLink to="/hosts">Hosts</NavLink>
          <MayCreate>
            <NavLink to="/experiments/new">New experiment</NavLink>
            <NavLink to="/alerts">Alerts</NavLink>
          </MayCreate>
        </nav>
        <SessionBadge />
      </header>
      <main id="content">
        <SessionGate>
          <DemoBanner />
          <Routes>
            <Route path="/" element={<OverviewPage />} />
            <Route path="/experiments/new" element={<NewExperimentPage />} />
            <Route path="/experiments/:slug" element={<ExperimentPage />} />
            <Route path="/hosts" element={<HostsPage />} />
            <Route path="/alerts" element={<AlertsPage />} />
            <Route path="/hosts/:id" element={<HostPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </SessionGate>
      </main>
    </>
  );
}
