import PDFDocument from 'pdfkit';

/** The pdfkit document type, named once so other files need no global namespace. */
export type Doc = PDFKit.PDFDocument;
export { PDFDocument };
