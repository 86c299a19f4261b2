// Threads between a jobseeker and a facility: the lists, one thread, and every action in it.
// A changed thread is put into the cache from the answer where the API returns it; lists
// and the posting (which a first contact discloses) are read again.

import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { useSession } from '../../../api/session';
import type { Box, DecisionRequest, InterviewRequest, ThreadDetail, TrainingReportRequest } from '../utils/types';
import { BOXES } from '../utils/stages';

/** Threads change on the other side: read them again on every visit, and every 30 s while open. */
const REFRESH_MS = 30_000;
const fresh = { staleTime: 0, refetchInterval: REFRESH_MS } as const;

function useAccountKey() {
  return useSession()?.login_id ?? '';
}

/** A facility's threads in one inbox box, or all of a jobseeker's threads (`box` undefined). */
export function useThreads(box?: Box, enabled = true) {
  const account = useAccountKey();
  return useQuery({
    queryKey: ['threads', 'list', account, box ?? 'all'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/threads', { params: { query: box ? { box } : {} }, signal })),
    ...fresh,
    enabled,
  });
}

/** How many threads each inbox box holds (the tabs show them). */
export function useBoxCounts(enabled: boolean): Partial<Record<Box, number>> {
  const account = useAccountKey();
  const results = useQueries({
    queries: BOXES.map((box) => ({
      queryKey: ['threads', 'list', account, box],
      queryFn: ({ signal }: { signal: AbortSignal }) => unwrap(api.GET('/api/v1/threads', { params: { query: { box } }, signal })),
      ...fresh,
      enabled,
    })),
  });
  const counts: Partial<Record<Box, number>> = {};
  BOXES.forEach((box, i) => {
    const n = results[i]?.data?.items.length;
    if (n !== undefined) counts[box] = n;
  });
  return counts;
}

export function useThread(id: number) {
  const account = useAccountKey();
  return useQuery({
    queryKey: ['threads', 'one', account, id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/threads/{id}', { params: { path: { id } }, signal })),
    enabled: Number.isInteger(id) && id > 0,
    ...fresh,
  });
}

function useThreadCache() {
  const queryClient = useQueryClient();
  const account = useAccountKey();
  return {
    /** Stores a thread the API returned and marks every list stale. */
    put(thread: ThreadDetail) {
      queryClient.setQueryData(['threads', 'one', account, thread.id], thread);
      return queryClient.invalidateQueries({ queryKey: ['threads', 'list'] });
    },
    /** Reads a thread (and the lists) again. */
    refresh(id: number) {
      return queryClient.invalidateQueries({ queryKey: ['threads'], predicate: (q) => q.queryKey[1] === 'list' || q.queryKey[3] === id });
    },
    postings() {
      return queryClient.invalidateQueries({ queryKey: ['postings'] });
    },
  };
}

/** A jobseeker's inquiry or application to a posting (an inquiry becomes an application the second time). */
export function useContactPosting(postingId: number) {
  const cache = useThreadCache();
  return useMutation({
    mutationFn: ({ kind, message }: { kind: 'inquiry' | 'application'; message: string }) =>
      unwrap(
        kind === 'inquiry'
          ? api.POST('/api/v1/postings/{id}/inquiries', { params: { path: { id: postingId } }, body: { message } })
          : api.POST('/api/v1/postings/{id}/applications', { params: { path: { id: postingId } }, body: { message } }),
      ),
    onSuccess: async (thread) => {
      // The posting is now disclosed to this jobseeker.
      await Promise.all([cache.put(thread), cache.postings()]);
    },
  });
}

export function useSendMessage(threadId: number) {
  const cache = useThreadCache();
  return useMutation({
    mutationFn: (message: string) => unwrap(api.POST('/api/v1/threads/{id}/messages', { params: { path: { id: threadId } }, body: { message } })),
    onSuccess: () => cache.refresh(threadId),
  });
}

/** Every thread action that can meet a stale version or a decided thread reads the thread again when it fails. */
function refreshOnConflict(cache: ReturnType<typeof useThreadCache>, id: number) {
  return (error: unknown) => {
    if ((error as { status?: number }).status === 409) void cache.refresh(id);
  };
}

export function useMoveStage(threadId: number) {
  const cache = useThreadCache();
  return useMutation({
    mutationFn: (body: { stage: 'screening' | 'interview'; version: number }) =>
      unwrap(api.POST('/api/v1/threads/{id}/stage', { params: { path: { id: threadId } }, body })),
    onSuccess: (thread) => cache.put(thread),
    onError: refreshOnConflict(cache, threadId),
  });
}

export function useScheduleInterview(threadId: number) {
  const cache = useThreadCache();
  return useMutation({
    mutationFn: (body: InterviewRequest) => unwrap(api.POST('/api/v1/threads/{id}/interviews', { params: { path: { id: threadId } }, body })),
    onSuccess: () => cache.refresh(threadId),
    onError: refreshOnConflict(cache, threadId),
  });
}

export function useRespondInterview(threadId: number) {
  const cache = useThreadCache();
  return useMutation({
    mutationFn: ({ interviewId, accept }: { interviewId: number; accept: boolean }) =>
      unwrap(
        api.POST('/api/v1/threads/{id}/interviews/{interview_id}/response', {
          params: { path: { id: threadId, interview_id: interviewId } },
          body: { accept },
        }),
      ),
    onSuccess: () => cache.refresh(threadId),
    onError: refreshOnConflict(cache, threadId),
  });
}

export function useDecide(threadId: number) {
  const cache = useThreadCache();
  return useMutation({
    mutationFn: (body: DecisionRequest) => unwrap(api.POST('/api/v1/threads/{id}/decision', { params: { path: { id: threadId } }, body })),
    onSuccess: (thread) => cache.put(thread),
    onError: refreshOnConflict(cache, threadId),
  });
}

export function useReportTraining(threadId: number) {
  const cache = useThreadCache();
  return useMutation({
    mutationFn: (body: TrainingReportRequest) =>
      unwrap(api.POST('/api/v1/threads/{id}/training-report', { params: { path: { id: threadId } }, body })),
    onSuccess: () => cache.refresh(threadId),
    onError: refreshOnConflict(cache, threadId),
  });
}

/** Either side moves an interview to a new time (the facility may change the link too). */
export function useRescheduleInterview(threadId: number) {
  const cache = useThreadCache();
  return useMutation({
    mutationFn: ({ interviewId, body }: { interviewId: number; body: { starts_at: string; duration_minutes: number; video_url?: string; message?: string } }) =>
      unwrap(
        api.POST('/api/v1/threads/{id}/interviews/{interview_id}/reschedule', {
          params: { path: { id: threadId, interview_id: interviewId } },
          body,
        }),
      ),
    onSuccess: () => cache.refresh(threadId),
    onError: refreshOnConflict(cache, threadId),
  });
}

/** Either side calls an interview off. */
export function useCancelInterview(threadId: number) {
  const cache = useThreadCache();
  return useMutation({
    mutationFn: ({ interviewId, message }: { interviewId: number; message?: string }) =>
      unwrap(
        api.POST('/api/v1/threads/{id}/interviews/{interview_id}/cancel', {
          params: { path: { id: threadId, interview_id: interviewId } },
          body: message ? { message } : {},
        }),
      ),
    onSuccess: () => cache.refresh(threadId),
    onError: refreshOnConflict(cache, threadId),
  });
}

/** The jobseeker withdraws a pending inquiry or application. */
export function useWithdraw(threadId: number) {
  const cache = useThreadCache();
  return useMutation({
    mutationFn: (body: { version: number; message?: string }) => unwrap(api.POST('/api/v1/threads/{id}/withdraw', { params: { path: { id: threadId } }, body })),
    onSuccess: (thread) => cache.put(thread),
    onError: refreshOnConflict(cache, threadId),
  });
}

/** How many threads are unread (and, for a facility, new) — the header's badge. */
export function useUnreadCount(enabled: boolean) {
  const account = useAccountKey();
  return useQuery({
    queryKey: ['threads', 'unread', account],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/threads/unread-count', { signal })),
    ...fresh,
    enabled,
  });
}

/** Marks a thread read by the viewer once it is shown; the unread counts follow. */
export function useMarkRead(threadId: number, ready: boolean) {
  const queryClient = useQueryClient();
  const account = useAccountKey();
  const mark = useMutation({
    mutationFn: async () => {
      await api.POST('/api/v1/threads/{id}/read', { params: { path: { id: threadId } } });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['threads', 'unread', account] });
      void queryClient.invalidateQueries({ queryKey: ['threads', 'list'] });
    },
  });
  return { mark: () => ready && mark.mutate() };
}
