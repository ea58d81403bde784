/** The part of pdfmake 0.3's server build (a CommonJS singleton) that the document renderer uses; it ships no types. */
declare module 'pdfmake' {
  interface PdfMakeFont {
    normal: string;
    bold: string;
    italics: string;
    bolditalics: string;
  }
  interface PdfMakeOutput {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMake {
    virtualfs: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean };
    addFonts(fonts: Record<string, PdfMakeFont>): void;
    setUrlAccessPolicy(callback: (url: string) => boolean): void;
    setLocalAccessPolicy(callback: (path: string) => boolean): void;
    createPdf(definition: object, options?: object): PdfMakeOutput;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
