import { useEditorState } from '@tiptap/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { BriefId } from '../../shared/briefId.ts';
import type { Fact, RecommendedAction } from '../../shared/cards.ts';
import { canWrite, type BriefRole } from '../../shared/roles.ts';
import { useSharedEditor } from '../editor/EditorContext.tsx';
import { IconButton } from '../ui/Button.tsx';
import { useToast } from '../ui/Toast.tsx';
import { CardBrowser, type CardsTab } from './CardBrowser.tsx';
import { CardsContextProvider, type CardsContextValue } from './CardsContext.tsx';
import { CitationTooltip } from './CitationTooltip.tsx';
import { IconPanelRight, IconUpload } from './icons.tsx';
import { citedText, insertCitedText, useCaretPlaced } from './insert.ts';
import { RelevantSection } from './RelevantSection.tsx';
import { CardSkeletons, NoSources, SidebarError } from './SidebarStates.tsx';
import { SourcesPanel } from './SourcesPanel.tsx';
import { useCards, useCardsLookup } from './useCards.ts';
import { useRelevantCards } from './useRelevantCards.ts';
import { useSources } from './useSources.ts';
import { SOURCE_ACCEPT } from './upload.ts';

type Tab = CardsTab | 'sources';

const TABS: { id: Tab; label: string }[] = [
  { id: 'countries', label: 'Countries' },
  { id: 'issues', label: 'Issues' },
  { id: 'regions', label: 'Regions' },
  { id: 'sources', label: 'Sources' },
];

const STORAGE_KEY = 'briefdesk:cards-sidebar';

interface Stored {
  collapsed: boolean;
  tab: Tab;
  relevantOpen: boolean;
}

function readStored(): Stored {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Stored>;
    return {
      collapsed: raw.collapsed === true,
      tab: TABS.some((t) => t.id === raw.tab) ? (raw.tab as Tab) : 'countries',
      relevantOpen: raw.relevantOpen !== false,
    };
  } catch {
    return { collapsed: false, tab: 'countries', relevantOpen: true };
  }
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

/**
 * The cards column beside a brief: what the brief is about ("Relevant to this
 * brief"), every country, issue and region card built from the sources, and
 * the sources themselves. Facts go into the brief with their citation.
 * `briefId` resets per-brief view state; `role` decides whether Insert shows.
 */
export function CardsSidebar({ briefId, role }: { briefId?: BriefId; role: BriefRole | null }) {
  const [stored, setStored] = useState(readStored);
  useEffect(() => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    } catch {
      // Private mode or full storage: the sidebar still works, it just forgets.
    }
  }, [stored]);
  const { collapsed, tab, relevantOpen } = stored;
  const setTab = useCallback((next: Tab) => setStored((s) => ({ ...s, tab: next })), []);
  // Hide and Show are two buttons, one in each state: the one that appears
  // takes focus from the one that was pressed, which would leave it on the page.
  const toggleButton = useRef<HTMLButtonElement>(null);
  const toggled = useRef(false);
  const setCollapsed = (next: boolean) => {
    toggled.current = true;
    setStored((s) => ({ ...s, collapsed: next }));
  };
  useEffect(() => {
    if (!toggled.current) return;
    toggled.current = false;
    toggleButton.current?.focus();
  }, [collapsed]);

  const editor = useSharedEditor();
  const cards = useCards();
  const sources = useSources(cards.reload);
  const relevant = useRelevantCards(editor, cards.generation);
  // Up here, not in the card tabs: a visit to the Sources tab must not forget the caret.
  const caretPlaced = useCaretPlaced(editor);
  const fileInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const upload = (files: File[]) => {
    if (files.length === 0) return;
    setStored((s) => ({ ...s, collapsed: false, tab: 'sources' }));
    void sources.upload(files);
  };
  const pick = () => fileInput.current?.click();

  const onDragOver = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDragLeave = (event: DragEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
  };
  const onDrop = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    setDragging(false);
    upload(Array.from(event.dataTransfer.files));
  };

  return (
    <aside
      aria-label="Cards and sources"
      className={`cards-sidebar${collapsed ? ' cards-sidebar--collapsed' : ''}${dragging ? ' cards-sidebar--dragging' : ''}`}
      data-testid="cards-sidebar"
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <input
        ref={fileInput}
        type="file"
        multiple
        accept={SOURCE_ACCEPT}
        hidden
        data-testid="source-file-input"
        onChange={(event) => {
          upload(Array.from(event.target.files ?? []));
          event.target.value = '';
        }}
      />
      <CitationTooltip editor={editor} />
      {collapsed ? (
        <div className="cards-sidebar__rail">
          <IconButton
            ref={toggleButton}
            aria-label="Show cards"
            aria-expanded={false}
            title="Show cards"
            onClick={() => setCollapsed(false)}
          >
            <IconPanelRight collapse={false} />
          </IconButton>
          <span className="cards-sidebar__rail-label" aria-hidden="true">
            Cards
          </span>
        </div>
      ) : (
        <>
          <div className="cards-sidebar__header">
            <h2 className="sr-only">Cards</h2>
            <SidebarTabs tab={tab} onChange={setTab} />
            <IconButton
              ref={toggleButton}
              size="sm"
              aria-label="Hide cards"
              aria-expanded={true}
              title="Hide cards"
              onClick={() => setCollapsed(true)}
            >
              <IconPanelRight collapse={true} size={17} />
            </IconButton>
          </div>
          <div
            className="cards-sidebar__scroll"
            key={briefId}
            role="tabpanel"
            id="cards-tabpanel"
            aria-labelledby={`cards-tab-${tab}`}
          >
            {tab === 'sources' ? (
              <SourcesPanel
                state={sources.state}
                uploads={sources.uploads}
                onPick={pick}
                onDismissUpload={sources.dismissUpload}
                onClearUploads={sources.clearUploads}
                onRemove={sources.remove}
                onRetry={sources.reload}
              />
            ) : (
              <CardsTabPanel
                tab={tab}
                cards={cards}
                relevant={relevant}
                role={role}
                caretPlaced={caretPlaced}
                relevantOpen={relevantOpen}
                onRelevantOpenChange={(open) => setStored((s) => ({ ...s, relevantOpen: open }))}
                onPick={pick}
              />
            )}
          </div>
        </>
      )}
      {dragging && (
        <div className="cards-sidebar__drop" aria-hidden="true">
          <IconUpload size={26} />
          <strong>Drop to add sources</strong>
          <span>.txt, .md or .html</span>
        </div>
      )}
    </aside>
  );
}

function SidebarTabs({ tab, onChange }: { tab: Tab; onChange: (tab: Tab) => void }) {
  const refs = useRef(new Map<Tab, HTMLButtonElement>());
  // Arrow keys move between tabs (WAI-ARIA tabs, automatic activation).
  const onKeyDown = (event: React.KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (event.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    if (next === null) return;
    event.preventDefault();
    onChange(TABS[next].id);
    refs.current.get(TABS[next].id)?.focus();
  };
  return (
    <div className="sidebar-tabs" role="tablist" aria-label="Cards" onKeyDown={onKeyDown}>
      {TABS.map((t) => (
        <button
          key={t.id}
          ref={(el) => {
            if (el) refs.current.set(t.id, el);
            else refs.current.delete(t.id);
          }}
          type="button"
          role="tab"
          id={`cards-tab-${t.id}`}
          aria-selected={t.id === tab}
          aria-controls="cards-tabpanel"
          tabIndex={t.id === tab ? 0 : -1}
          className="sidebar-tabs__tab"
          onClick={() => onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

function CardsTabPanel({
  tab,
  cards,
  relevant,
  role,
  caretPlaced,
  relevantOpen,
  onRelevantOpenChange,
  onPick,
}: {
  tab: CardsTab;
  cards: ReturnType<typeof useCards>;
  relevant: ReturnType<typeof useRelevantCards>;
  role: BriefRole | null;
  caretPlaced: React.RefObject<boolean>;
  relevantOpen: boolean;
  onRelevantOpenChange: (open: boolean) => void;
  onPick: () => void;
}) {
  const editor = useSharedEditor();
  const notify = useToast();
  const index = cards.state.status === 'ready' ? cards.state.cards : null;
  const lookup = useCardsLookup(index);
  // The editor turns read-only when the server closes the brief; Insert follows it.
  const editable = useEditorState({
    editor,
    selector: ({ editor: e }) => e?.isEditable ?? false,
  });
  const writable = canWrite(role) && editable === true;

  const context = useMemo((): CardsContextValue | null => {
    if (!lookup) return null;
    const insert = (item: Fact | RecommendedAction): boolean => {
      if (!editor) return false;
      const ok = insertCitedText(
        editor,
        citedText(item, lookup),
        caretPlaced.current ? 'caret' : 'end',
      );
      if (!ok) notify('Can’t insert here. Move the cursor to a paragraph and try again.');
      return ok;
    };
    return { lookup, insert: writable && editor ? insert : null };
  }, [lookup, editor, writable, caretPlaced, notify]);

  if (cards.state.status === 'loading') return <CardSkeletons count={5} />;
  if (cards.state.status === 'error') {
    return (
      <SidebarError title="Cards couldn’t load" error={cards.state.error} onRetry={cards.reload} />
    );
  }
  if (!context) return null;
  if (cards.state.cards.documents.length === 0) return <NoSources onAdd={onPick} />;
  return (
    <CardsContextProvider value={context}>
      <RelevantSection
        state={relevant.state}
        onRetry={relevant.retry}
        open={relevantOpen}
        onOpenChange={onRelevantOpenChange}
      />
      <CardBrowser key={tab} tab={tab} />
    </CardsContextProvider>
  );
}
