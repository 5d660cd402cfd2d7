import { describe, expect, it } from 'vitest';
import { SseParser } from './sseParser';

describe('SseParser', () => {
  it('completes an event whose lines arrive split across chunks', () => {
    const parser = new SseParser();
    expect(parser.feed('event: prog')).toEqual([]);
    expect(parser.feed('ress\ndata: {"job_id":')).toEqual([]);
    expect(parser.feed('"j1","progress":40}\n')).toEqual([]);
    expect(parser.feed('\n')).toEqual([{ event: 'progress', data: '{"job_id":"j1","progress":40}' }]);
  });

  it('returns every event of a chunk that holds several', () => {
    const parser = new SseParser();
    const events = parser.feed('event: progress\ndata: 1\n\nevent: progress\ndata: 2\n\ndata: 3\n\nevent: progress\ndata: 4');
    expect(events).toEqual([
      { event: 'progress', data: '1' },
      { event: 'progress', data: '2' },
      { event: 'message', data: '3' },
    ]);
    expect(parser.feed('\n\n')).toEqual([{ event: 'progress', data: '4' }]);
  });

  it('ignores comments and keep-alives, and blank events', () => {
    const parser = new SseParser();
    expect(parser.feed(': keep-alive\n\n:\n\n')).toEqual([]);
    expect(parser.feed('event: progress\n: a comment in the middle\ndata: x\n\n')).toEqual([{ event: 'progress', data: 'x' }]);
    // An event type without data is not dispatched, and does not leak into the next event.
    expect(parser.feed('event: progress\n\ndata: y\n\n')).toEqual([{ event: 'message', data: 'y' }]);
  });

  it('handles CRLF and CR line ends, also when a CRLF pair is split between chunks', () => {
    const parser = new SseParser();
    expect(parser.feed('event: progress\r\ndata: a\r')).toEqual([]);
    expect(parser.feed('\n\r\n')).toEqual([{ event: 'progress', data: 'a' }]);
    expect(parser.feed('data: b\r\r')).toEqual([{ event: 'message', data: 'b' }]);
  });

  it('joins multi-line data, strips one leading space only, and reads id and retry', () => {
    const parser = new SseParser();
    const [event] = parser.feed('\uFEFFid: 7\nretry: 3000\ndata:first\ndata:  second\n\n');
    expect(event).toEqual({ event: 'message', data: 'first\n second', id: '7', retry: 3000 });
  });
});
