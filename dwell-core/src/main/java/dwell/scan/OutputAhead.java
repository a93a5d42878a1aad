package dwell.scan;

import dwell.hunt.Finding;
import dwell.hunt.HuntResult;
import dwell.inventory.Inventory;
import dwell.text.Json;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What of a scan's output folder is known before its pivot, rendered as text on a thread of its own while the pivot
 * runs ({@link ScanPipeline#run(ScanRequest, dwell.evidence.Progress, Consumer)} hands it the hunt's result): the
 * hunt's findings as findings.jsonl's lines and the inventory as inventory.json. The pivot keeps the hunt's findings
 * as they are (the same objects), so {@link ScanWriter} then writes their lines and renders only the pivot's own: the
 * issue 20 scan rendered them all after the pivot, on the critical path, while the pivot left the second core idle.
 */
public final class OutputAhead implements Consumer<HuntResult> {
    /**
     * At most this many characters of lines are held (about 18,000 findings of SigmaHQ's over EVTX): a larger scan's
     * other lines are rendered when written, as without this, so that memory stays bounded.
     */
    static final long BUDGET_CHARS = 48L << 20;

    /** The text rendered ahead: lines by finding (identity), and inventory.json's document for {@code inventory}. */
    record Rendered(Map<Finding, String> lines, Inventory inventory, String inventoryJson) {
        static final Rendered NONE = new Rendered(Map.of(), null, null);

        /** The document rendered for {@code inv}, or null when it was rendered for none or another. */
        String inventoryJson(Inventory inv) {
            return inv == inventory ? inventoryJson : null;
        }
    }

    private final long budget;
    private Background<Rendered> rendering;
    private boolean started;

    /** Renders ahead what the scan hands it (once). */
    public OutputAhead() {
        this(BUDGET_CHARS);
    }

    OutputAhead(long budgetChars) {
        this.budget = budgetChars;
    }

    /** Starts rendering the hunt's findings and inventory on a thread of its own; a second call is ignored. */
    @Override
    public synchronized void accept(HuntResult hunted) {
        if (started) return;
        started = true;
        List<Finding> findings = hunted.findings();
        Inventory inventory = hunted.inventory();
        rendering = Background.start("dwell-output-ahead", () -> render(findings, inventory, budget));
    }

    /**
     * What was rendered (waiting for it), handed over once so that it is not held after the output is written; nothing
     * when the scan handed nothing over.
     */
    synchronized Rendered take() throws IOException {
        if (rendering == null) return Rendered.NONE;
        Background<Rendered> r = rendering;
        rendering = null;
        return r.join();
    }

    static Rendered render(List<Finding> findings, Inventory inventory, long budget) throws IOException {
        String inventoryJson = Json.pretty(InventoryJson.of(inventory));
        Map<Finding, String> lines = new IdentityHashMap<>(findings.size() * 2);
        FindingJson.Lines text = new FindingJson.Lines();
        long held = 0;
        for (Finding f : findings) {
            if (held >= budget) break;
            String line = text.of(f);
            lines.put(f, line);
            held += line.length();
        }
        return new Rendered(lines, inventory, inventoryJson);
    }
}
