// Every page of the SPA. Signed-in areas and sign-in pages are separate chunks, loaded on
// first visit, so the first screen (search) loads little.

import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { PostingPage } from '../features/postings/components/PostingPage';
import { SearchPage } from '../features/search/components/SearchPage';
import { Layout } from './Layout';
import { NotFoundPage } from './RouteError';

const LoginPage = lazy(() => import('../features/auth/components/LoginPage').then((m) => ({ default: m.LoginPage })));
const FavouritesPage = lazy(() => import('../features/jobseeker/components/Favourites').then((m) => ({ default: m.FavouritesPage })));
const SavedSearchesPage = lazy(() => import('../features/alerts/AlertPages').then((m) => ({ default: m.SavedSearchesPage })));
const ConfirmEmailPage = lazy(() => import('../features/alerts/AlertPages').then((m) => ({ default: m.ConfirmEmailPage })));
const UnsubscribePage = lazy(() => import('../features/alerts/AlertPages').then((m) => ({ default: m.UnsubscribePage })));
const PrivacyPage = lazy(() => import('../features/legal/LegalPages').then((m) => ({ default: m.PrivacyPage })));
const TermsPage = lazy(() => import('../features/legal/LegalPages').then((m) => ({ default: m.TermsPage })));
const ContactPage = lazy(() => import('../features/legal/LegalPages').then((m) => ({ default: m.ContactPage })));
const ActivatePage = lazy(() => import('../features/auth/components/ActivatePage').then((m) => ({ default: m.ActivatePage })));
const ForgotPasswordPage = lazy(() => import('../features/auth/components/PasswordPages').then((m) => ({ default: m.ForgotPasswordPage })));
const ChangePasswordPage = lazy(() => import('../features/auth/components/PasswordPages').then((m) => ({ default: m.ChangePasswordPage })));
const FacilityArea = lazy(() => import('../features/facility/components/FacilityArea').then((m) => ({ default: m.FacilityArea })));
const AdminArea = lazy(() => import('../features/admin/components/AdminArea').then((m) => ({ default: m.AdminArea })));
const DeclineReferralPage = lazy(() =>
  import('../features/jobseeker/components/DeclineReferralPage').then((m) => ({ default: m.DeclineReferralPage })),
);
const DesksPage = lazy(() => import('../features/desks/components/Desks').then((m) => ({ default: m.DesksPage })));
const PartnerShortagesPage = lazy(() => import('../features/shortages/ShortagesPage').then((m) => ({ default: m.PartnerShortagesPage })));
const PartnerArea = lazy(() => import('../features/partners/components/PartnerArea').then((m) => ({ default: m.PartnerArea })));
const ThreadsArea = lazy(() => import('../features/threads/components/ThreadsArea').then((m) => ({ default: m.ThreadsArea })));
const SignupPage = lazy(() => import('../features/jobseeker/components/SignupPage').then((m) => ({ default: m.SignupPage })));
const ProfileRoute = lazy(() => import('../features/jobseeker/components/ProfilePage').then((m) => ({ default: m.ProfileRoute })));
const GoodbyePage = lazy(() => import('../features/jobseeker/components/GoodbyePage').then((m) => ({ default: m.GoodbyePage })));
const TrainingMaterialsPage = lazy(() =>
  import('../features/training/components/TrainingMaterialsPage').then((m) => ({ default: m.TrainingMaterialsPage })),
);

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<SearchPage />} />
        <Route path="postings/:id" element={<PostingPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="activate" element={<ActivatePage />} />
        <Route path="reset-password" element={<ActivatePage mode="reset" />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="account/password" element={<ChangePasswordPage />} />
        <Route path="signup" element={<SignupPage />} />
        <Route path="profile" element={<ProfileRoute />} />
        <Route path="goodbye" element={<GoodbyePage />} />
        <Route path="threads/*" element={<ThreadsArea />} />
        <Route path="training-materials" element={<TrainingMaterialsPage />} />
        <Route path="favourites" element={<FavouritesPage />} />
        <Route path="saved-searches" element={<SavedSearchesPage />} />
        <Route path="confirm-email" element={<ConfirmEmailPage />} />
        <Route path="unsubscribe" element={<UnsubscribePage />} />
        <Route path="privacy" element={<PrivacyPage />} />
        <Route path="terms" element={<TermsPage />} />
        <Route path="contact" element={<ContactPage />} />
        <Route path="desks" element={<DesksPage />} />
        <Route path="decline-referral" element={<DeclineReferralPage />} />
        <Route path="facility/*" element={<FacilityArea />} />
        <Route path="admin/*" element={<AdminArea />} />
        <Route path="partner" element={<PartnerArea />} />
        <Route path="partner/shortages" element={<PartnerShortagesPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}
