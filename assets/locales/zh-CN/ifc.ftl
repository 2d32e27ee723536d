# IFC 导入（crates/ifc，plant-twin import-ifc）。术语见 docs/glossary.md。

ifc-cannot-read = 无法读取 IFC 文件：{ $error }
ifc-too-large = IFC 文件大小为 { $mb } MB；最多读取 { $max_mb } MB
ifc-not-step = 不是 STEP 格式的 IFC 文件（文件必须以 ISO-10303-21 开头）
ifc-reader-failed = IFC 读取器无法处理此文件：{ $error }
ifc-no-geometry = 无法从此文件生成模型：{ $error }
ifc-folder-has-site = 此处已有 site.toml：请选择新的文件夹（未写入任何内容）
ifc-cannot-write = 无法写入站点包：{ $error }
