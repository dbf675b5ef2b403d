/** Just enough of a WebSocket to drive Connection: the test fires the events. */
export class FakeSocket extends EventTarget {
  binaryType: BinaryType = 'blob';
  protocol = '';
  extensions = '';
  bufferedAmount = 0;
  readonly sent: unknown[] = [];
  closedWith: [number, string] | null = null;

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    super();
  }
  send(data: unknown) {
    this.sent.push(data);
  }
  close(code: number, reason: string) {
    this.closedWith = [code, reason];
  }
  open(protocol = '') {
    this.protocol = protocol;
    this.dispatchEvent(new Event('open'));
  }
  receive(data: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
  closeFromServer(code: number, reason: string, wasClean: boolean) {
    this.dispatchEvent(Object.assign(new Event('close'), { code, reason, wasClean }));
  }
}
