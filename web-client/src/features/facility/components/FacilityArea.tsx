import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../../app/RouteError';
import { RequireRole } from '../../auth/components/RequireRole';
import { EditPostingPage } from './EditPostingPage';
import { FacilityPostingsPage } from './FacilityPostingsPage';
import { NewPostingPage } from './NewPostingPage';

/** The facility's pages (one lazily loaded chunk). */
export function FacilityArea() {
  return (
    <RequireRole roles={['facility']}>
      <Routes>
        <Route index element={<FacilityPostingsPage />} />
        <Route path="postings/new" element={<NewPostingPage />} />
        <Route path="postings/:id/edit" element={<EditPostingPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </RequireRole>
  );
}
