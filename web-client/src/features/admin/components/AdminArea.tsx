import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../../app/RouteError';
import { RequireRole } from '../../auth/components/RequireRole';
import { AdminHomePage } from './AdminHomePage';
import { EditPostingPage } from '../../facility/components/EditPostingPage';
import { AdminNewPostingPage } from './AdminNewPostingPage';
import { FacilitiesPage, FacilityPage } from './FacilityDirectoryPages';
import { OrganisationPage, OrganisationsPage } from '../../partners/components/AdminOrganisationsPages';
import { AuditLogPage, MissingTrainingReportsPage, SlowResponsesPage } from './OversightPages';
import { AdminShortagesPage } from '../../shortages/ShortagesPage';

/** The administrators' pages (one lazily loaded chunk). */
export function AdminArea() {
  return (
    <RequireRole roles={['admin']}>
      <Routes>
        <Route index element={<AdminHomePage />} />
        <Route path="postings/new" element={<AdminNewPostingPage />} />
        <Route path="postings/:id/edit" element={<EditPostingPage asAdmin />} />
        <Route path="slow-responses" element={<SlowResponsesPage />} />
        <Route path="missing-training-reports" element={<MissingTrainingReportsPage />} />
        <Route path="audit-log" element={<AuditLogPage />} />
        <Route path="shortages" element={<AdminShortagesPage />} />
        <Route path="facilities" element={<FacilitiesPage />} />
        <Route path="facilities/:id" element={<FacilityPage />} />
        <Route path="organisations" element={<OrganisationsPage />} />
        <Route path="organisations/:id" element={<OrganisationPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </RequireRole>
  );
}
