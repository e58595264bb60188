// Templates as tagged strings (htm bound to Preact's h): no JSX step in the build, the same `html` in every panel.
export { html } from 'htm/preact';
