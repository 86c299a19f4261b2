import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../../app/RouteError';
import { RequireRole } from '../../auth/components/RequireRole';
import { AdminHomePage } from './AdminHomePage';
import { AdminNewPostingPage } from './AdminNewPostingPage';

/** The administrators' pages (one lazily loaded chunk). */
export function AdminArea() {
  return (
    <RequireRole roles={['admin']}>
      <Routes>
        <Route index element={<AdminHomePage />} />
        <Route path="postings/new" element={<AdminNewPostingPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </RequireRole>
  );
}
