/** ARM parameters files (`*.parameters.json`). */
export { readParameterFile, literalValue } from './scope';
