# Words every part of the product shares. Terms follow docs/glossary.md.

language-menu = Language
language-menu-hint = Show every panel in this language (remembered for the next start)
language-remembered = Language: { $name } (remembered in { $path })
language-not-remembered = Language: { $name } (could not be remembered: { $error })
language-settings-unreadable = The settings file could not be read and was passed over: { $error }
