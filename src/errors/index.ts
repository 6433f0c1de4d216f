export { ERRORS, type ErrorCode, type ErrorDef } from "./registry.js";
export { ProblemError, isProblem, problemType, type Issue, type ProblemBody } from "./problem.js";
