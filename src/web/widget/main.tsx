// Entry point of the chat widget's page (widget.html, served at /widget for the loader's
// iframe): the design system's styles, the router under /widget, and the widget.
import { render } from 'preact';
import { setRouterBase } from '../app/router.js';
import { connectHost, hostOriginOf } from './hostBridge.js';
import { WidgetApp } from './WidgetApp.js';
import '../styles/index.css';
import './widget.css';

// Read before the router rewrites the address: `?host=` goes with the first page only.
const host = connectHost(hostOriginOf(window.location.search));
setRouterBase('/widget');
render(<WidgetApp host={host} />, document.getElementById('app')!);
