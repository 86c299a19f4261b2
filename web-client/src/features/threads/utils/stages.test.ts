import { describe, expect, it } from 'vitest';
import { awaitingText, boxLabel, canDecide, canReply, isBox, kindLabel, nextStages, stageLabel, stageTone, stepIndex } from './stages';

describe('labels', () => {
  it('names the four inbox boxes in both languages', () => {
    expect(boxLabel('new', 'ja')).toBe('新着');
    expect(boxLabel('awaiting_reply', 'ja')).toBe('返信待ち');
    expect(boxLabel('in_progress', 'ja')).toBe('選考中');
    expect(boxLabel('decided', 'en')).toBe('Decided');
  });

  it('accepts only known boxes from the address bar', () => {
    expect(isBox('awaiting_reply')).toBe(true);
    expect(isBox('spam')).toBe(false);
    expect(isBox(null)).toBe(false);
  });

  it('names every stage and kind', () => {
    expect(stageLabel('screening', 'ja')).toBe('書類選考中');
    expect(stageLabel('posting_closed', 'ja')).toBe('募集終了');
    expect(stageLabel('not_hired', 'en')).toBe('Not hired');
    expect(kindLabel('inquiry', 'ja')).toBe('問い合わせ');
    expect(kindLabel('application', 'en')).toBe('Application');
  });

  it('colours good news, endings and the rest apart', () => {
    expect(stageTone('hired')).toBe('success');
    expect(stageTone('posting_closed')).toBe('ended');
    expect(stageTone('interview')).toBe('active');
  });
});

describe('what may happen next', () => {
  it('moves an application forward only', () => {
    expect(nextStages({ kind: 'application', stage: 'applied' })).toEqual(['screening', 'interview']);
    expect(nextStages({ kind: 'application', stage: 'screening' })).toEqual(['interview']);
    expect(nextStages({ kind: 'application', stage: 'interview' })).toEqual([]);
    expect(nextStages({ kind: 'inquiry', stage: 'inquiry' })).toEqual([]);
  });

  it('decides applications that are under way, nothing else', () => {
    expect(canDecide({ kind: 'application', stage: 'interview' })).toBe(true);
    expect(canDecide({ kind: 'application', stage: 'hired' })).toBe(false);
    expect(canDecide({ kind: 'application', stage: 'posting_closed' })).toBe(false);
    expect(canDecide({ kind: 'inquiry', stage: 'inquiry' })).toBe(false);
  });

  it('keeps the conversation open unless the jobseeker left', () => {
    expect(canReply({ stage: 'hired' })).toBe(true);
    expect(canReply({ stage: 'withdrawn' })).toBe(false);
  });

  it('places stages on the steps', () => {
    expect(stepIndex('inquiry')).toBe(-1);
    expect(stepIndex('applied')).toBe(0);
    expect(stepIndex('interview')).toBe(2);
    expect(stepIndex('not_hired')).toBe(3);
  });

  it('says whose turn it is, to each side', () => {
    expect(awaitingText({ awaiting: 'facility', stage: 'applied' }, 'facility', 'ja')).toBe('あなたの返信待ち');
    expect(awaitingText({ awaiting: 'facility', stage: 'applied' }, 'jobseeker', 'ja')).toBe('医療機関からの返信待ち');
    expect(awaitingText({ awaiting: 'jobseeker', stage: 'interview' }, 'facility', 'en')).toBe('Waiting for the jobseeker');
    expect(awaitingText({ awaiting: 'facility', stage: 'hired' }, 'facility', 'ja')).toBeNull();
    expect(awaitingText({ awaiting: null, stage: 'applied' }, 'facility', 'ja')).toBeNull();
  });
});
