/** Writes the built-in page templates precompiled into generators/docs/templates/precompiled.ts (`npm run templates`). */
import { writeFileSync } from 'node:fs';
import { precompiledModule, precompiledPath } from '../generators/docs/precompile.ts';

writeFileSync(precompiledPath, precompiledModule());
console.log('wrote generators/docs/templates/precompiled.ts');
