// Lets a plain Node process run the app's server modules outside Next: the seed, the benchmark, and the
// test workers and fixtures that run as processes of their own. Load it after tsx:
//   node --import tsx --import ./scripts/outside-next.mjs <file.ts>
// Those modules start with `import 'server-only'`, which throws unless it is resolved as Next resolves
// it for server code: with the react-server condition, to an empty module. This resolves that one
// package so, and nothing else.
import { register } from 'node:module';

const hooks = `
export async function resolve(specifier, context, next) {
  if (specifier !== 'server-only') return next(specifier, context);
  return next(specifier, { ...context, conditions: [...context.conditions, 'react-server'] });
}`;

register(`data:text/javascript,${encodeURIComponent(hooks)}`);
