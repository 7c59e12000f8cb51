// Loads the TypeScript writing thread where the service runs from source (ts-jest, tsx): the compiled
// service loads writing-thread-main.js itself. tsx is a development dependency, needed only there.
require('tsx/cjs/api').register();
module.exports = require('./writing-thread-main.ts');
