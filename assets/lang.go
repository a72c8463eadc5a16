package assets

import "embed"

// Translations is Minuit's catalogue: one flat JSON file per language in lang/
// (en.json, fr.json), the English sentence as key, plural entries as
// {"one": "…", "other": "…"} objects. ui/l10n loads it into Fyne's lang package.
//
//go:embed lang/*.json
var Translations embed.FS

// TranslationsDir is the folder of Translations that holds the files.
const TranslationsDir = "lang"
