/** The part of jstat 1.9 that experiments use (the package ships no types). */
declare module 'jstat' {
  interface Continuous {
    pdf(x: number, a: number, b: number): number;
    cdf(x: number, a: number, b: number): number;
    inv(p: number, a: number, b: number): number;
  }
  export const jStat: {
    normal: Continuous;
    beta: Continuous;
    chisquare: { cdf(x: number, dof: number): number; inv(p: number, dof: number): number };
    hypgeom: { pdf(k: number, N: number, m: number, n: number): number };
    betaln(a: number, b: number): number;
  };
}
