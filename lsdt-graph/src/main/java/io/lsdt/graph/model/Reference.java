package io.lsdt.graph.model;

import java.util.Objects;

/**
 * Where a number or a formula comes from.
 *
 * @param title title of the work (paper, datasheet, seed document, …)
 * @param url a URL, or null
 * @param doi a DOI or arXiv id, or null
 * @param kind what sort of source it is
 * @param date publication date as {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}, or null
 * @param locator where inside the work (section, table, equation), or null
 */
public record Reference(String title, String url, String doi, Kind kind, String date, String locator) {
    /** Kinds of sources. {@link #ESTIMATE} marks an assumption: a number someone chose, not one that was measured. */
    public enum Kind {
        /** A paper. */ PAPER, /** A datasheet. */ DATASHEET, /** Documentation or a standard. */ DOCUMENTATION, /** Software source. */ SOFTWARE, /** A measurement. */ MEASURED, /** An estimate or assumption. */ ESTIMATE, /** True by definition. */ DEFINITION;

        /**
         * The kind's name in the registry's YAML and in JSON output.
         *
         * @return the lower-case name used in YAML and JSON
         */
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Checks the components. */
    public Reference {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * A reference to a source without URL, DOI, date or locator.
     *
     * @param title the title
     * @param kind the kind
     * @return a reference with only a title and kind
     */
    public static Reference of(String title, Kind kind) {
        return new Reference(title, null, null, kind, null, null);
    }

    /**
     * This reference narrowed to one place in the work (section, table, equation).
     *
     * @param locator where inside the work
     * @return a copy pointing at {@code locator}
     */
    public Reference at(String locator) {
        return new Reference(title, url, doi, kind, date, locator);
    }

    /**
     * The reference as a citation line.
     *
     * @return a one-line citation, e.g. {@code "Title (paper, 2020), §3 — https://…"}
     */
    public String cite() {
        StringBuilder sb = new StringBuilder(title);
        sb.append(" (").append(kind.text());
        if (date != null) {
            sb.append(", ").append(date);
        }
        sb.append(')');
        if (locator != null) {
            sb.append(", ").append(locator);
        }
        if (doi != null) {
            sb.append(" — ").append(doi);
        } else if (url != null) {
            sb.append(" — ").append(url);
        }
        return sb.toString();
    }
}
