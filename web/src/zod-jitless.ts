// zod, before any schema is built: no parsers compiled with `new Function`. Building an object schema
// probes whether that is allowed, and under the server's CSP (no 'unsafe-eval') the probe is a
// violation the browser reports as an error on every page, though zod catches it. Imported first by
// main.tsx, so that it runs before the modules whose schemas it governs.
import { z } from 'zod';

z.config({ jitless: true });
