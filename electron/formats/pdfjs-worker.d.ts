/** pdf.js ships no types for its worker module; the workbench only hands the module object back to pdf.js. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
