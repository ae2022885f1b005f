package io.lsdt.physics.catalog;

import java.util.List;
import java.util.Map;

/**
 * A framework's documented training command for a benchmark ({@code lsdt/catalog/recipes.yaml}): the settings its
 * documentation gives, which {@code lsdt validate} uses for what a measured run leaves blank.
 *
 * @param id catalog id
 * @param name what the recipe is
 * @param frameworkContains strings a row's framework text must all contain (lower case)
 * @param modelContains model names of which a row's model text must contain one (letters and digits, lower case;
 *     empty: any model)
 * @param finetune the fine-tuning the row must be read as (none, full, lora, qlora), or null for any
 * @param source where the command is documented
 * @param locator where in the source
 * @param sets the cells the recipe fills, by runs-CSV column (plus {@code lora_rank}, {@code lora_targets}), in file
 *     order
 */
public record Recipe(String id, String name, List<String> frameworkContains, List<String> modelContains,
        String finetune, Source source, String locator, Map<String, Setting> sets) {
    /**
     * One setting of a recipe.
     *
     * @param value the cell's text
     * @param note the command-line flag or sentence it comes from
     */
    public record Setting(String value, String note) {}

    /** Copies the collections. */
    public Recipe {
        frameworkContains = List.copyOf(frameworkContains);
        modelContains = List.copyOf(modelContains);
        sets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sets));
    }
}
