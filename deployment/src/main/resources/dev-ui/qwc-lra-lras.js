import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';

/**
 * The LRAs this application started or joined, refreshed every two seconds: status from the coordinator, and for
 * each, what the application did (start, join, close or cancel request) and the callbacks its participants answered.
 */
export class QwcLraLras extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: block; padding: 8px 16px; font-size: 14px; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--lumo-contrast-10pct, #ddd); vertical-align: top; }
        th { font-weight: 600; }
        .status-Active { color: var(--lumo-primary-text-color, #1676f3); font-weight: 600; }
        .events { font-family: var(--lumo-font-family-monospace, monospace); font-size: 12px; white-space: nowrap; }
        .bad { color: var(--lumo-error-text-color, #c00); }
        button { margin-right: 4px; cursor: pointer; }
        .top { display: flex; gap: 16px; align-items: baseline; margin-bottom: 8px; }
        .message { color: var(--lumo-secondary-text-color, #555); }
    `;

    static properties = {
        _lras: { state: true },
        _coordinator: { state: true },
        _message: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this._lras = null;
        this.jsonRpc.coordinatorUrl().then(r => this._coordinator = r.result);
        this._refresh();
        this._timer = setInterval(() => this._refresh(), 2000);
    }

    disconnectedCallback() {
        clearInterval(this._timer);
        super.disconnectedCallback();
    }

    _refresh() {
        this.jsonRpc.lras().then(r => this._lras = r.result);
    }

    _end(lra, cancel) {
        const call = cancel ? this.jsonRpc.cancel({ lra: lra }) : this.jsonRpc.close({ lra: lra });
        call.then(r => { this._message = r.result; this._refresh(); });
    }

    render() {
        return html`
            <div class="top">
                <span>Coordinator: ${this._coordinator
                    ? html`<a href="${this._coordinator}" target="_blank">${this._coordinator}</a>` : '...'}</span>
                <span class="message">${this._message ?? ''}</span>
            </div>
            ${this._lras == null ? html`<p>Loading...</p>`
                : this._lras.length === 0 ? html`<p>No LRA yet: call an @LRA endpoint of the application.</p>`
                : this._table()}`;
    }

    _table() {
        return html`
            <table>
                <tr><th>LRA</th><th>Status</th><th>What happened (participant, callback, HTTP status, ms)</th><th></th></tr>
                ${this._lras.map(lra => html`
                    <tr>
                        <td title="${lra.id}">${lra.uid}</td>
                        <td class="status-${lra.status}">${lra.status}</td>
                        <td class="events">${lra.events.map(e => html`<div class="${e.status >= 400 ? 'bad' : ''}">
                            ${e.kind.toLowerCase()} ${e.participant} ${e.callback} ${e.status} ${e.detail}
                            ${e.millis > 0 ? e.millis + ' ms' : ''}</div>`)}</td>
                        <td>${lra.active ? html`
                            <button @click=${() => this._end(lra.id, false)}>Close</button>
                            <button @click=${() => this._end(lra.id, true)}>Cancel</button>` : ''}</td>
                    </tr>`)}
            </table>`;
    }
}
customElements.define('qwc-lra-lras', QwcLraLras);
