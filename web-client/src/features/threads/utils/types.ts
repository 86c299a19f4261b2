// The thread types, as the API sends them (taken from the client's paths, not written by hand).

import type { RequestOf, ResponseOf } from '../../../api/client';

export type ThreadSummary = ResponseOf<'/api/v1/threads', 'get'>['items'][number];
export type ThreadDetail = ResponseOf<'/api/v1/threads/{id}', 'get'>;
export type Stage = ThreadDetail['stage'];
export type ThreadKind = ThreadDetail['kind'];
/** The facility inbox's boxes (the API documents them; its schema says only `string`). */
export type Box = 'new' | 'awaiting_reply' | 'in_progress' | 'decided';
export type Message = ThreadDetail['messages'][number];
export type Interview = ThreadDetail['interviews'][number];
export type Decision = NonNullable<ThreadDetail['decision']>;
export type TrainingReport = NonNullable<ThreadDetail['training_report']>;
export type DecisionRequest = RequestOf<'/api/v1/threads/{id}/decision', 'post'>;
export type InterviewRequest = RequestOf<'/api/v1/threads/{id}/interviews', 'post'>;
export type TrainingReportRequest = RequestOf<'/api/v1/threads/{id}/training-report', 'post'>;
export type StageRequest = RequestOf<'/api/v1/threads/{id}/stage', 'post'>;
export type Party = Message['sender'];
