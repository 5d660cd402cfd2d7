// An incremental parser for `text/event-stream` (the WHATWG HTML "server-sent events" format).
// The browser's EventSource cannot send an Authorization header, so the app reads the stream with
// fetch and feeds the decoded text through this parser, chunk by chunk as the network delivers it.

export interface SseEvent {
  /** The `event:` field, or "message" when the server sent none. */
  event: string;
  /** The `data:` lines of one event, joined with "\n". */
  data: string;
  id?: string;
  /** A reconnection delay the server asked for, in milliseconds. */
  retry?: number;
}

export class SseParser {
  private buffer = '';
  private started = false;
  // A chunk that ended in "\r" may be half of a "\r\n" pair: the next chunk's "\n" belongs to it.
  private pendingCarriageReturn = false;
  private eventType = '';
  private dataLines: string[] = [];
  private lastEventId: string | undefined;
  private retry: number | undefined;

  /** Feeds the next piece of decoded text; returns the events it completed (possibly none). */
  feed(chunk: string): SseEvent[] {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.pendingCarriageReturn && text.length > 0) {
      this.pendingCarriageReturn = false;
      if (text[0] === '\n') text = text.slice(1);
    }

    const buffer = this.buffer + text;
    const events: SseEvent[] = [];
    let lineStart = 0;
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      const line = buffer.slice(lineStart, i);
      if (c === '\r') {
        if (i + 1 < buffer.length) {
          if (buffer[i + 1] === '\n') i++;
        } else {
          this.pendingCarriageReturn = true;
        }
      }
      lineStart = i + 1;
      this.processLine(line, events);
    }
    this.buffer = buffer.slice(lineStart);
    return events;
  }

  private processLine(line: string, events: SseEvent[]): void {
    if (line === '') {
      this.dispatch(events);
      return;
    }
    if (line.startsWith(':')) {
      return; // a comment, typically a keep-alive
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);

    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.dataLines.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break; // unknown fields are ignored, as the format requires
    }
  }

  private dispatch(events: SseEvent[]): void {
    // An event without data lines is not dispatched; its type is forgotten all the same.
    if (this.dataLines.length > 0) {
      const event: SseEvent = { event: this.eventType || 'message', data: this.dataLines.join('\n') };
      if (this.lastEventId !== undefined) event.id = this.lastEventId;
      if (this.retry !== undefined) event.retry = this.retry;
      events.push(event);
    }
    this.eventType = '';
    this.dataLines = [];
  }
}
