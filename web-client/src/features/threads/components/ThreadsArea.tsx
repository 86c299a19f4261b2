import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../../app/RouteError';
import { RequireRole } from '../../auth/components/RequireRole';
import { ThreadPage } from './ThreadPage';
import { ThreadsHomePage } from './ThreadsHomePage';

/** Threads between jobseekers and facilities (one lazily loaded chunk for both sides). */
export function ThreadsArea() {
  return (
    <RequireRole roles={['jobseeker', 'facility']}>
      <Routes>
        <Route index element={<ThreadsHomePage />} />
        <Route path=":id" element={<ThreadPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </RequireRole>
  );
}
