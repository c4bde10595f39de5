/** Escapes text for HTML content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

export function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100)
}

export function date(seconds: number): string {
  return new Date(seconds * 1000).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' })
}

export function shortDate(seconds: number): string {
  return new Date(seconds * 1000).toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: 'UTC' })
}

export function every(recurring: { interval: string; interval_count: number } | null): string {
  if (!recurring) return ''
  return recurring.interval_count === 1 ? `per ${recurring.interval}` : `every ${recurring.interval_count} ${recurring.interval}s`
}

const CSS = `
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1f36;background:#f6f8fa;line-height:1.5}
body{margin:0}
.wrap{max-width:60rem;margin:0 auto;padding:1.5rem 1rem 3rem}
.top{display:flex;align-items:center;justify-content:space-between;gap:1rem;flex-wrap:wrap;margin-bottom:1.5rem}
.brand{font-weight:700;font-size:1.125rem;margin:0}
.badge{display:inline-block;font-size:.75rem;font-weight:600;padding:.125rem .5rem;border-radius:999px;background:#ffe8c2;color:#7a3e00}
.status{background:#e3e8ee;color:#1a1f36}.status.ok{background:#d7f7c2;color:#05690d}.status.warn{background:#fde2dd;color:#a41c0e}
.grid{display:grid;gap:1.5rem}
@media (min-width:48rem){.grid{grid-template-columns:1fr 1fr}}
.single{max-width:32rem;margin:0 auto}
.card{background:#fff;border:1px solid #d8dee4;border-radius:.75rem;padding:1.25rem}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .5rem}h2{font-size:1.125rem;margin:0 0 .75rem}
.price{font-size:2rem;font-weight:700;margin:.25rem 0}.price span{font-size:1rem;font-weight:400;color:#4f566b}
.muted{color:#4f566b}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.5rem .25rem;border-bottom:1px solid #e3e8ee;vertical-align:top}
th{font-size:.875rem;color:#4f566b;font-weight:600}td.num,th.num{text-align:right}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
.hint{font-size:.875rem;color:#4f566b;margin:.25rem 0 0}
input[type=text],input[type=email],input[type=number]{width:100%;font:inherit;padding:.625rem .75rem;border:1px solid #a3acb9;border-radius:.5rem;min-height:2.75rem;background:#fff;color:inherit}
input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #635bff;outline-offset:2px}
input[aria-invalid=true]{border-color:#c0123c}
.row{display:grid;grid-template-columns:1fr 1fr;gap:.75rem}
fieldset{border:0;padding:0;margin:0}legend{font-weight:700;padding:0;margin-top:1.5rem}
button,.button{display:inline-flex;align-items:center;justify-content:center;font:inherit;font-weight:600;min-height:2.75rem;padding:.5rem 1rem;border-radius:.5rem;border:1px solid transparent;cursor:pointer;text-decoration:none}
.primary{background:#4b44d6;color:#fff;width:100%;margin-top:1.25rem}
.secondary{background:#fff;color:#1a1f36;border-color:#a3acb9}
.danger{background:#fff;color:#a41c0e;border-color:#a41c0e}
.error{color:#c0123c;font-size:.875rem;margin:.25rem 0 0}
.alert{border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem;background:#fde2dd;color:#7d1307}
.notice{border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem;background:#e6f0ff;color:#0b3d91}
.options{display:grid;gap:.5rem;margin:.5rem 0}
.option{display:flex;gap:.75rem;align-items:flex-start;border:1px solid #d8dee4;border-radius:.5rem;padding:.75rem;font-weight:400;margin:0}
.option input{width:1.25rem;height:1.25rem;margin-top:.125rem}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;margin-top:1rem}
.stack>*+*{margin-top:1.5rem}
a{color:#4b44d6}
`

/** A complete page: one `<main>`, a language, a title, and the shared styles (readable from 320 px up). */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${CSS}</style></head><body><main class="wrap">${body}</main></body></html>`
}

export function top(context: string, link?: { href: string; text: string }) {
  return `<div class="top"><p class="brand">${esc(context)} <span class="badge">Test mode</span></p>${link ? `<a href="${esc(link.href)}">${esc(link.text)}</a>` : ''}</div>`
}

export interface FieldErrors {
  [field: string]: string | undefined
}

/** A labelled input; an error is tied to it with aria-describedby and aria-invalid. */
export function field(o: { name: string; label: string; value?: string; type?: string; autocomplete?: string; inputmode?: string; placeholder?: string; required?: boolean; hint?: string; errors: FieldErrors; test: string }) {
  const error = o.errors[o.name]
  const ids = [o.hint ? `${o.name}-hint` : '', error ? `${o.name}-error` : ''].filter(Boolean).join(' ')
  return `<label for="${o.name}">${esc(o.label)}</label>${o.hint ? `<p class="hint" id="${o.name}-hint">${esc(o.hint)}</p>` : ''}<input id="${o.name}" name="${o.name}" type="${o.type ?? 'text'}" value="${esc(o.value ?? '')}"${o.autocomplete ? ` autocomplete="${o.autocomplete}"` : ''}${o.inputmode ? ` inputmode="${o.inputmode}"` : ''}${o.placeholder ? ` placeholder="${esc(o.placeholder)}"` : ''}${o.required ? ' required' : ''}${ids ? ` aria-describedby="${ids}"` : ''}${error ? ' aria-invalid="true"' : ''} data-test="${o.test}">${error ? `<p class="error" id="${o.name}-error">${esc(error)}</p>` : ''}`
}

/** The card fields shared by checkout, the portal and the invoice page. */
export function cardFields(values: Record<string, string>, errors: FieldErrors, required: boolean) {
  return `${field({ name: 'number', label: 'Card number', value: values.number, autocomplete: 'cc-number', inputmode: 'numeric', placeholder: '1234 1234 1234 1234', required, errors, test: 'card-number' })}
<div class="row"><div>${field({ name: 'expiry', label: 'Expiry (MM / YY)', value: values.expiry, autocomplete: 'cc-exp', inputmode: 'numeric', placeholder: 'MM / YY', required, errors, test: 'card-expiry' })}</div><div>${field({ name: 'cvc', label: 'Security code', value: values.cvc, autocomplete: 'cc-csc', inputmode: 'numeric', placeholder: 'CVC', required, errors, test: 'card-cvc' })}</div></div>
${field({ name: 'cardholder', label: 'Name on card', value: values.cardholder, autocomplete: 'cc-name', errors, test: 'card-name' })}
<p class="hint">Test cards: 4242 4242 4242 4242 succeeds; 4000 0000 0000 0341 is saved but fails when charged; 4000 0000 0000 0002 is declined. Any future expiry, any 3 digits.</p>`
}
