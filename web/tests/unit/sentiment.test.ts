import { describe, expect, it } from 'vitest';
import type { FeedbackItem, FeedbackPage } from '../../src/api';
import { csvText } from '../../src/ui';
import { feedbackKind, feedbackSeverity, mergeFeedback, sentimentSeverity, trendTone } from '../../src/views/sentiment';
import fixture from './fixtures/feedback.json';

// GET .../feedback after two negative messages, an NPS 2 and a CSAT 2 (of 1-5) were posted.
const page = fixture as FeedbackPage;
const bySeq = (seq: number) => page.items.find((x) => x.seq === seq)!;

describe('mergeFeedback', () => {
  it('lists the fetched items newest first', () => {
    expect(mergeFeedback([], page.items).map((x) => x.id)).toEqual(['S9002', 'S9001', 'E9003', 'E9001']);
  });
  it('keeps one row per seq when the stream repeats what a fetch brought', () => {
    const held = mergeFeedback([], page.items);
    const next: FeedbackItem = { ...bySeq(1), seq: 5, id: 'E9004', text: 'I want to cancel, this is a disgrace' };
    const merged = mergeFeedback(held, [bySeq(3), bySeq(4), next]);
    expect(merged.map((x) => x.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(merged[0].text).toBe('I want to cancel, this is a disgrace');
  });
  it('keeps the newest up to the limit', () => {
    expect(mergeFeedback(page.items.slice(0, 2), page.items.slice(2), 3).map((x) => x.seq)).toEqual([4, 3, 2]);
  });
});

describe('follow-up rows', () => {
  it('name the kind of each item', () => {
    expect(page.items.map(feedbackKind)).toEqual(['Message', 'Message', 'NPS', 'CSAT']);
  });
  it('grade a message by its sentiment and a survey like the detractor list', () => {
    expect(feedbackSeverity(bySeq(1))).toBe('sev-high'); // score 8.42
    expect(feedbackSeverity(bySeq(3))).toBe('sev-high'); // NPS 2
    expect(feedbackSeverity(bySeq(4))).toBe('sev-mid'); // CSAT 2
    expect(feedbackSeverity({ ...bySeq(3), score: 5 })).toBe('sev-mid');
  });
});

describe('sentimentSeverity', () => {
  it('cuts at compound -0.5 (score 25) and -0.05 (score 47.5)', () => {
    expect(sentimentSeverity(8.42)).toBe('sev-high');
    expect(sentimentSeverity(25)).toBe('sev-high');
    expect(sentimentSeverity(25.01)).toBe('sev-mid');
    expect(sentimentSeverity(47.5)).toBe('sev-mid');
    expect(sentimentSeverity(47.51)).toBe('');
    expect(sentimentSeverity(95.61)).toBe('');
    expect(sentimentSeverity(null)).toBe('');
  });
});

describe('trendTone', () => {
  it('calls a rising score good and a falling one bad', () => {
    expect(trendTone(43.64)).toBe('good');
    expect(trendTone(-5)).toBe('bad');
    expect(trendTone(0)).toBe('neutral');
    expect(trendTone(0.004)).toBe('neutral');
    expect(trendTone(undefined)).toBe('neutral');
  });
});

describe('csvText', () => {
  it('quotes fields with commas, quotes and line breaks', () => {
    expect(
      csvText([
        ['ticket_id', 'text', 'score'],
        ['T00000005', 'This is the worst service, I am furious', 8.42],
        ['T00000012', 'He said "soon"\nthen nothing', null],
      ]),
    ).toBe('ticket_id,text,score\nT00000005,"This is the worst service, I am furious",8.42\nT00000012,"He said ""soon""\nthen nothing",\n');
  });
});
