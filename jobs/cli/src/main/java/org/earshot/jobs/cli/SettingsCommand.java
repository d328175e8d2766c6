package org.earshot.jobs.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.earshot.jobs.console.Text;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.settings.Setting;
import org.earshot.jobs.settings.SettingsCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code earshot settings}: every setting, its type and default, what it means, and the value this run would use. */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = {"List every setting with its type, its default and what it means, and the value a command run here would "
                               + "use, with where it came from (the settings file, an EARSHOT_* variable or --set). Secrets show only "
                               + "where they are set."})
final class SettingsCommand implements Callable<Integer> {
    @Mixin
    SettingsOptions settings;

    @Option(names = "--markdown", description = "Print the table of settings and defaults jobs/cli/README.md holds, and nothing else.")
    boolean markdown;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (markdown) {
            out.print(SettingsCatalog.markdownTable());
            return 0;
        }
        EarshotConfig config = settings.config();
        for (Setting<?> setting : SettingsCatalog.all()) {
            if (setting.isStem()) {
                out.println(setting.key());
                config.under(stem(setting)).forEach((key, value) ->
                        out.println("  " + key + " = " + Text.cell(value.text(), 0) + "   (" + value.source() + ")"));
            } else {
                out.println(setting.key() + config.given(setting).map(v -> " = " + shown(setting, v) + "   (" + v.source() + ")")
                        .orElse("   (" + unset(setting) + ")"));
            }
            out.println("    " + setting.type().name() + " · " + setting.description().replace("`", ""));
        }
        return 0;
    }

    /** What an unset setting means: its default, or what happens without it. */
    private static String unset(Setting<?> setting) {
        if (setting.defaultValue() != null) return "default " + (setting.whenUnset().isEmpty() ? "none" : setting.whenUnset());
        return setting.whenUnset().isEmpty() ? "unset" : "unset: " + setting.whenUnset();
    }

    private static String shown(Setting<?> setting, EarshotConfig.Value value) {
        return setting.secret() ? "(secret)" : Text.cell(value.text(), 0);
    }

    @SuppressWarnings("unchecked")
    private static Setting<String> stem(Setting<?> setting) {
        return (Setting<String>) setting;
    }
}
