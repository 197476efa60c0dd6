/** The shape of the toolbar and a page of text while the local copy opens. */
export function EditorSkeleton() {
  return (
    <div className="editor-skeleton" aria-busy="true" aria-label="Opening the brief">
      <div className="toolbar-bar">
        <span className="skeleton skeleton--toolbar" />
      </div>
      <div className="doc-scroll">
        <div className="sheet">
          <span className="skeleton skeleton--line" style={{ width: '62%', height: 22 }} />
          <span className="skeleton skeleton--line" style={{ width: '96%' }} />
          <span className="skeleton skeleton--line" style={{ width: '91%' }} />
          <span className="skeleton skeleton--line" style={{ width: '78%' }} />
          <span className="skeleton skeleton--line" style={{ width: '94%', marginTop: 24 }} />
          <span className="skeleton skeleton--line" style={{ width: '85%' }} />
        </div>
      </div>
    </div>
  );
}
