package io.lsdt.physics.validation;

import io.lsdt.physics.catalog.Catalog;
import io.lsdt.physics.catalog.Recipe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fills what a row leaves blank from the framework's documented command for it ({@link Recipe},
 * {@code recipes.yaml}): a practitioner reading "Llama2-70B Fine Tuning (LoRA)" in Optimum Habana's benchmark table
 * looks up the command the README gives for it. Only blank cells are filled; each filled cell is a note naming the
 * recipe, the flag it comes from and the source. A cell that says its setting is "not stated" counts as blank.
 */
final class Recipes {
    /** The pseudo-column a recipe fills with the LoRA rank (the runs schema has none). */
    static final String LORA_RANK = "lora_rank";
    /** The pseudo-column a recipe fills with the LoRA target modules. */
    static final String LORA_TARGETS = "lora_targets";

    /** A cell that says its setting is not stated ("DeepSpeed (ZeRO stage not stated)") counts as blank. */
    private static final java.util.regex.Pattern UNSTATED = java.util.regex.Pattern.compile("(?i)\\bnot stated\\b");

    private Recipes() {}

    /**
     * Fills a row's blank cells from the documented recipe it matches.
     *
     * @param row a row as published
     * @param finetune the row's fine-tuning reading (none, full, lora, qlora)
     * @param catalog the catalog (recipes)
     * @param notes receives one note per filled cell
     * @return the row with the first matching recipe's settings in its blank cells, or the row itself
     */
    static RunRow fill(RunRow row, String finetune, Catalog catalog, List<String> notes) {
        Recipe r = match(row, finetune, catalog);
        if (r == null) {
            return row;
        }
        Map<String, String> cells = new LinkedHashMap<>(row.cells());
        for (Map.Entry<String, Recipe.Setting> e : r.sets().entrySet()) {
            String was = row.text(e.getKey());
            if (was.isEmpty() || UNSTATED.matcher(was).find()) {
                cells.put(e.getKey(), e.getValue().value());
                notes.add(e.getKey() + (was.isEmpty() ? " blank" : " '" + was + "'") + ": " + e.getValue().value() + " from the documented recipe " + r.id()
                        + " (" + e.getValue().note() + "; " + r.source().url() + ")");
            }
        }
        return new RunRow(row.row(), cells);
    }

    /**
     * The documented recipe a row matches.
     *
     * @param row a row as published
     * @param finetune the row's fine-tuning reading (none, full, lora, qlora)
     * @param catalog the catalog (recipes)
     * @return the first recipe whose framework texts, model names and fine-tuning match the row, or null
     */
    static Recipe match(RunRow row, String finetune, Catalog catalog) {
        String fw = (row.text("framework") + " | " + row.text("zero_fsdp")).toLowerCase(Locale.ROOT);
        String model = row.text("model").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        for (Recipe r : catalog.recipes()) {
            boolean framework = r.frameworkContains().stream().allMatch(fw::contains);
            boolean named = r.modelContains().isEmpty() || r.modelContains().stream().anyMatch(model::contains);
            boolean tuned = r.finetune() == null || r.finetune().equals(finetune);
            if (framework && named && tuned) {
                return r;
            }
        }
        return null;
    }
}
