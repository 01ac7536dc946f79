export { ANONYMOUS, type Principal } from '../../schema/policy/principal.js';
