// @ts-check
/** The broker's destinations: which subscriptions each SEND reaches, and the MESSAGE each one gets. */

/** @typedef {{ id: string, destination: string, ack: string }} Subscription */
/** @typedef {(headers: Record<string, string>, body: Buffer) => void} Receive */

export class Destinations {
  /** @type {Map<string, Map<Subscription, Receive>>} */
  #byName = new Map();
  #messageCount = 0;

  /** @param {Subscription} subscription @param {Receive} receive */
  add(subscription, receive) {
    const subscribers = this.#byName.get(subscription.destination) ?? new Map();
    subscribers.set(subscription, receive);
    this.#byName.set(subscription.destination, subscribers);
  }

  /** @param {Subscription} subscription */
  remove(subscription) {
    const subscribers = this.#byName.get(subscription.destination);
    subscribers?.delete(subscription);
    if (subscribers?.size === 0) this.#byName.delete(subscription.destination);
  }

  /** @param {import('./stomp-frames.js').Frame} frame a SEND */
  deliver(frame) {
    const { destination = '' } = frame.headers;
    // What a MESSAGE carries of the SEND: its headers, less those about the SEND itself.
    const carried = Object.entries(frame.headers).filter(
      ([name]) => !['receipt', 'transaction', 'content-length'].includes(name),
    );
    for (const [subscription, receive] of this.#byName.get(destination) ?? []) {
      this.#messageCount += 1;
      /** @type {Record<string, string>} */
      const headers = {
        ...Object.fromEntries(carried),
        subscription: subscription.id,
        'message-id': `m-${this.#messageCount}`,
        destination,
      };
      if (subscription.ack !== 'auto') headers['ack'] = `a-${this.#messageCount}`;
      receive(headers, frame.body);
    }
  }
}
