//! Every page of the SPA. Signed-in areas and sign-in pages are separate chunks, loaded on
//! first visit, so the first screen (search) loads little.

import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { PostingPage } from '../features/postings/components/PostingPage';
import { SearchPage } from '../features/search/components/SearchPage';
import { Layout } from './Layout';
import { NotFoundPage, RouteError } from './RouteError';

const LoginPage = lazy(() => import('../features/auth/components/LoginPage').then((m) => ({ default: m.LoginPage })));
const ActivatePage = lazy(() => import('../features/auth/components/ActivatePage').then((m) => ({ default: m.ActivatePage })));
const FacilityArea = lazy(() => import('../features/facility/components/FacilityArea').then((m) => ({ default: m.FacilityArea })));
const AdminArea = lazy(() => import('../features/admin/components/AdminArea').then((m) => ({ default: m.AdminArea })));

export function createRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <SearchPage /> },
        { path: 'postings/:id', element: <PostingPage /> },
        { path: 'login', element: <LoginPage /> },
        { path: 'activate', element: <ActivatePage /> },
        { path: 'facility/*', element: <FacilityArea /> },
        { path: 'admin/*', element: <AdminArea /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
