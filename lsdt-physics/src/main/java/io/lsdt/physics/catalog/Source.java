package io.lsdt.physics.catalog;

import io.lsdt.graph.model.Reference;

/**
 * A cited source of catalog numbers.
 *
 * @param id catalog id
 * @param title title
 * @param url URL, or null
 * @param doi DOI or arXiv id, or null
 * @param kind datasheet, paper, documentation, measured or estimate
 * @param date publication date ({@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD})
 */
public record Source(String id, String title, String url, String doi, Reference.Kind kind, String date) {
    /**
     * The source as a reference of the graph.
     *
     * @return the source as a graph {@link Reference}
     */
    public Reference reference() {
        return new Reference(title, url, doi, kind, date, null);
    }

    /**
     * Whether the source is an estimate.
     *
     * @return true when the source is an estimate: numbers from it are assumptions
     */
    public boolean isEstimate() {
        return kind == Reference.Kind.ESTIMATE;
    }
}
