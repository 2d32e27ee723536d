# 全产品共用的词语。术语以 docs/glossary.md 为准。

language-menu = 语言
language-menu-hint = 所有面板以此语言显示（下次启动时沿用）
language-remembered = 语言：{ $name }（已保存到 { $path }）
language-not-remembered = 语言：{ $name }（未能保存：{ $error }）
language-settings-unreadable = 无法读取设置文件，已忽略：{ $error }
