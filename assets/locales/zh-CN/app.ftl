# `plant-twin` 命令行：--help 及其错误信息、三维界面的启动，以及 `eval` 与 `optimise` 面向用户的输出。
# JSON 输出与文件格式保持英文。术语以 docs/glossary.md 为准。

app-window-title = Plant Twin 工厂数字孪生

## --help

app-about = Plant Twin：工业厂区与建筑的桌面数字孪生
app-long-about = Plant Twin 打开一个站点包（包含 site.toml、model.glb 及 data/ 下历史计量数据的文件夹），显示其三维模型并将每块计量表关联到对应设备，随后播放或拖动浏览历史记录。

    不指定 SITE 时打开内置的默认厂区：一条 5,000 t/d 的熟料生产线（sample-sites/cement-plant）。指定 SITE 时打开该站点包。格式说明见 docs/site-format.md。
app-after-help =
    示例：
      plant-twin                                  # 内置的水泥厂
      plant-twin path/to/my-site                  # 其他站点包
      plant-twin --at '2026-11-10 14:30' --select kiln-1 --paused
      plant-twin --lang en                        # 以英文显示
      plant-twin report sample-sites/cement-plant --from 2026-11-03 --to 2026-11-10 --format md
      plant-twin-sim sample-sites/cement-plant --speed 60   # 计量数据模拟器（独立的程序）
# --help 的最后一行：当前语言及其来源。
app-help-language = 当前语言：{ $name }（{ $source ->
        [flag] 由 --lang 指定
        [remembered] 沿用界面语言菜单中上次的选择
        [system] 跟随系统语言
       *[default] 默认
    }）；可用 --lang en 或 --lang zh-CN 切换。
# --help 的标题；各节标题后的冒号由 clap 添加。
app-help-usage = 用法:
app-help-heading-commands = 子命令
app-help-heading-arguments = 参数
app-help-heading-options = 选项
# 附在选项说明之后：默认值与可选值。
app-help-default = [默认值：{ $value }]
app-help-possible = [可选值：{ $values }]
app-help-help = 显示帮助
app-help-version = 显示版本
app-help-subcommand = 显示本帮助或指定子命令的帮助
app-help-subcommand-arg = 显示指定子命令的帮助

app-arg-site = 站点包文件夹（包含 site.toml）。默认：内置的水泥厂。
app-arg-at = 从此时刻开始，而非历史记录的起点：ISO 8601（"2026-11-10T14:30:00+08:00"），或厂区时区的本地时间（"2026-11-10 14:30"）。
app-arg-speed = 播放速度，每实际秒对应的厂区秒数（1 至 3600）。
app-arg-paused = 启动后暂停，不自动播放。
app-arg-select = 启动时按 id 选中一台设备。
app-arg-colour-by = 启动时的设备着色依据：某一物理量（electric_power、mass_flow、temperature 等）、"carbon"（所致二氧化碳排放）或 "model"。
app-arg-flows = 启动时打开能流与碳流（桑基图）面板，显示能量（默认，energy）或二氧化碳（co2）。
app-arg-flows-window = 启动时能流面板的统计期：now（当前）、hour（小时）、day（日）、week（周）或 record（整个历史记录）。
app-arg-chart-window = 启动时检视面板曲线的时间窗（光标两侧各）：1h、6h、24h 或 7d。
app-arg-whatif = 启动时打开所选设备的情景推演面板（与 --select 一起使用）。
app-arg-forecast = 启动时在检查面板中显示所选设备各计量表在光标之后的预测（与 --select 一起使用）。
app-arg-edit = 以编辑模式启动：将模型节点和计量表绑定到设备，添加能流（docs/edit-mode.md）。
app-arg-alarms = 启动时打开报警列表。
app-arg-sources = 自定义的实时数据源文件，代替站点包的 sources.toml 并立即启动（见 docs/live.md）。
app-arg-live = 不经询问即连接站点包的实时数据源并跟随当前时刻（否则站点包的 sources.toml 需经您同意后才连接）。
app-arg-size = 窗口大小（逻辑像素），例如 1600x900。
app-arg-screenshot = 厂区及其数据加载完成后将窗口截图保存为此 PNG 文件，然后退出。
app-arg-lang = 显示语言：en 或 zh-CN。默认：上次在界面语言菜单中所选的语言，否则为系统语言。

app-cmd-report = 无需打开窗口，统计厂区在某一统计期内的能耗与二氧化碳排放：按节点、能源品种和范围分列，单位产品能耗与排放指标，不平衡项以及所用因子集。数字与能流面板一致。
app-cmd-alarms = 根据站点的 alarms.toml 和历史数据，输出某一时段的报警日志和报警系统指标（EEMUA 191、ISA-18.2）。
app-cmd-eval = 在给定参数下计算工艺模型：产出、能耗、分范围的二氧化碳排放、成本，以及与各约束的裕量。
app-cmd-optimise = 在约束范围内优化工艺模型的参数，使能耗、二氧化碳排放或成本最低。
app-cmd-train = 无窗口运行培训场景：把其中的故障叠加到历史记录上，列出由此产生的报警、到时的操作提示和题目，并逐一核对预期报警；给出学员操作记录时计算得分。
app-cmd-new = 由模型和数据导出文件生成站点包：根据列推断计量表，按名称与模型节点匹配，并生成初步的能流图；列出推断结果和无法放置的内容。
app-cmd-serve = 将厂区的历史记录作为实时数据提供（/api/values 提供 JSON，/metrics 提供 Prometheus 格式），并叠加培训场景中的故障：学员通过与真实工厂相同的数据源，在“实时”数据上练习。与 plant-twin-sim 是同一个服务。

app-arg-report-site = 站点包文件夹（包含 site.toml）。
app-arg-alarms-site = 站点包文件夹（包含 site.toml 和 alarms.toml）。
app-arg-alarms-format = 输出格式：md（所选语言）、csv（带字节顺序标记，便于 Excel 打开）或 json。
app-arg-alarms-output = 将报警日志写入此文件，而不是标准输出。
app-arg-from = 统计期起点（含）：ISO 8601 或厂区时区的本地时间（"2026-11-03"、"2026-11-03 06:00"）。默认：历史记录的起点。
app-arg-to = 统计期终点（不含），格式同上。默认：历史记录的终点。
app-arg-format = 输出格式（JSON 与 CSV 保持英文；Markdown 使用所选语言）。
app-arg-output = 将报告写入此文件，而非标准输出。

app-arg-process = 工艺模型。
app-arg-set = 一个参数，写作 key=value，数值使用该参数的单位（可重复）；其余参数保持默认值。`plant-twin eval PROCESS` 列出各参数及其单位和范围。
app-arg-condition = 工况条件，写作 key=value（可重复）：装置本身及其测量值，而非可调参数（如窑的设计产量、料耗比、煤的低位发热量、出口废气温度；冷站的负荷与气象；电解槽数）。`plant-twin eval PROCESS` 会列出。
app-arg-electricity-price = 电价，每 kWh。
app-arg-carbon-price = 碳价，每吨 CO2。
app-arg-grid-factor = 电网排放因子，t CO2/MWh。
app-arg-curves = 冷站使用的冷水机组性能曲线集（TOML：name、cop_ref、plr_min、capft、eirft、eirfplr），代替 DOE-2 Centrifugal/5.50COP。
app-arg-json = 输出 JSON 而非表格。
app-arg-objective = 优化目标（取最小值）。
app-arg-fix = 将这些参数固定在基准值（可重复）。
app-arg-free = 允许优化器调整这些默认固定的参数（舒适度、新风）。
app-arg-report-scenario = 设计情景方案（站点包中的 scenarios/名称.toml，按名称，或文件）：基准与方案对比、各措施的经济评价和边际减排成本曲线；未给出 --from/--to 时按方案的时间窗计算。
app-arg-report-format = 输出格式（JSON 与 CSV 保持英文；Markdown 与 XLSX 使用所选语言；xlsx 需要 --output）。
app-arg-scenarios = 启动时打开情景方案窗口，并以此设计情景方案为 A（站点包中的 scenarios/名称.toml）。
app-arg-compare = 与第一个方案对比的第二个情景方案（A 与 B 对比），时间窗相同。
app-arg-scenario = 培训场景：站点包中的 training/名称.toml（按名称或路径），或你自己的文件。
app-arg-log = 由查看器导出的学员操作记录（JSON），用于计分。
app-arg-train-format = 输出格式：md（所选语言）或 json。
app-arg-train-output = 把运行结果写入此文件，而不是标准输出。
app-arg-training = 启动时打开此培训场景（站点包中的 training/名称.toml 或你自己的文件），暂停在场景开始处，并打开培训师窗口。
app-arg-presentation = 以演示模式启动：全屏、放大文字、隐藏侧边面板（按 F5 切换）。
app-training-not-found = 没有培训场景 "{ $name }"：站点包的 training 文件夹中有 { $available }
app-training-expect-failed = { $count } 个预期报警未产生
app-arg-new-folder = 要创建的站点包文件夹（其中不能已有 site.toml）。
app-arg-new-model = 三维模型（.glb，或 .gltf 及其引用的文件）。
app-arg-new-data = 数据导出文件（.csv 或 .parquet），可重复（多个月份或系统）：各文件列的并集生成计量表。
app-arg-new-time-zone = 导出文件中不带时区偏移的时间所在的 IANA 时区。
app-arg-new-name = 站点名称（默认：文件夹名）。
app-new-bad-time-zone = “{ $value }”不是 IANA 时区（例如 Asia/Shanghai 或 Europe/Berlin）
app-new-written = 已写入 { $file }。
app-new-meters = 由 { $file } 的列生成 { $count } 个计量表（时间在“{ $column }”列，{ $format }）：
app-new-meter = { $header } → { $meter }：{ $quantity } [{ $unit }]（{ $how }）· { $place }
app-new-how =
    { $how ->
    [unit] 由单位确定
    [name] 由名称推断
   *[none] 未知：请设置
}
app-new-on = 位于 { $equipment }（节点“{ $node }”）
app-new-unplaced = 未放置：没有同名节点
app-new-free-nodes = 模型中有 { $count } 个已命名节点尚无计量表：{ $names }
app-new-unnamed-nodes = 模型中有 { $count } 个节点没有名称（CAD 导出常只为网格命名）
app-new-check = 已打开新站点进行检查：{ $errors } 个错误，{ $warnings } 个警告。
app-new-open = 用此命令打开：plant-twin { $folder }

## 命令行错误

# 命令输出的每条错误前缀；$message 已是当前语言。
app-error = 错误：{ $message }
app-lang-unknown = --lang 的语言 "{ $value }" 无法识别（可选：{ $valid }）
app-lang-missing = --lang 需要一个值（可选：{ $valid }）
app-size-not-size = "{ $value }" 不是 宽x高 的形式
app-size-bad-width = "{ $value }" 中的宽度无效
app-size-bad-height = "{ $value }" 中的高度无效
app-size-out-of-range = 窗口大小 { $width }x{ $height } 超出范围（320x240 至 8192x8192）
# clap 自带错误的中文表述；$arg 为 --help 中的写法（"--at <AT>"）。
app-clap-value-required = '{ $arg }' 需要一个值，但未提供
app-clap-invalid-value = '{ $arg }' 的值 '{ $value }' 无效
app-clap-invalid-value-reason = '{ $arg }' 的值 '{ $value }' 无效：{ $reason }
app-clap-possible-values = 可选值：{ $values }
app-clap-unknown-argument = 无法识别的参数 '{ $arg }'
app-clap-did-you-mean = 您是否想输入 '{ $suggestion }'？
app-clap-unknown-command = 无法识别的子命令 '{ $name }'
app-clap-missing-arguments = 缺少以下必需参数：{ $args }
app-clap-conflict = 参数 '{ $arg }' 不能与 '{ $other }' 同时使用
app-clap-subcommand-conflict = 子命令 '{ $name }' 不能与 '{ $other }' 同时使用
app-clap-too-many-values = '{ $arg }' 多出了值 '{ $value }'
app-clap-wrong-number-of-values = '{ $arg }' 的值个数不正确
app-clap-used-twice = 参数 '{ $arg }' 不能重复使用
app-clap-more-help = 更多信息，请运行 '--help'。

## report

app-report-xlsx-needs-output = XLSX 报告是文件：请给出 --output 文件.xlsx
app-report-no-scenario = 没有情景方案“{ $name }”：请给出文件，或站点包中的情景方案之一（{ $names }）
app-report-no-data = { $file }：站点包的数据文件中没有计量数据
app-report-bad-time = --{ $option } "{ $value }" 不是有效时间（ISO 8601 或厂区时区 { $time_zone } 的 "YYYY-MM-DD[ HH:MM]"）
app-report-empty-window = 统计期为空：--to 不晚于 --from（{ $from } … { $to }）
app-report-record-start = 起点
app-report-record-end = 终点
app-alarms-none = { $file }：该站点没有报警文件（见 docs/alarms.md）
app-alarms-no-log = { $file }：没有这个操作员日志

## eval 与 optimise

app-whatif-unknown-process = 未知的工艺模型 "{ $process }"（可选：{ $ids }）
app-whatif-no-curves = --curves：{ $process } 不使用性能曲线集
app-whatif-set-not-pair = --set "{ $item }" 不是 KEY=VALUE 的形式
app-whatif-no-setting = { $process } 没有参数 "{ $key }"（参数：{ $keys }）
app-whatif-not-a-number = --set { $key }："{ $value }" 不是数字
app-whatif-out-of-range = --set { $key }={ $value }：超出实际可行范围 { $min } 至 { $max } { $unit }（{ $source }）
app-whatif-condition-not-pair = --condition "{ $item }" 不是 KEY=VALUE 的形式
app-whatif-no-condition = { $process } 没有工况条件 "{ $key }"（工况条件：{ $keys }）
app-whatif-condition-not-a-number = --condition { $key }："{ $value }" 不是数字
app-whatif-condition-refused = --condition { $key }={ $value }：超出模型接受的范围（各条件范围见 docs/models.md）
app-whatif-conditions = 工况条件
app-whatif-fix-unknown = --fix：没有参数 "{ $key }"（参数：{ $keys }）
app-whatif-settings = 参数
app-whatif-range = 范围 { $min } 至 { $max }
app-whatif-outputs = 产出
# $energy 为 app-whatif-per-hour-energy，$scopes 为 app-whatif-per-hour-scopes；数字已格式化。
app-whatif-per-hour = 每小时：{ $energy }，二氧化碳 { $co2 } t（{ $scopes }），成本 { $cost } { $currency }，产量 { $production } { $production_unit }
app-whatif-per-hour-energy = 电力 { $electricity } kW，燃料 { $fuel } GJ
app-whatif-per-hour-scopes = 范围一燃烧排放 { $combustion }，过程排放 { $process }；范围二排放 { $scope2 }
app-whatif-objective =
    { $objective ->
        [energy] 能耗
        [co2] 二氧化碳排放
       *[cost] 成本
    }
# 所示参数下某一目标的数值：“能耗：3.41633 GJ/t”。
app-whatif-objective-value = { $objective }：{ $value } { $unit }
app-whatif-limits = 约束（裕量 > 0：满足）
app-whatif-versus = 限值
app-whatif-margin = 裕量
app-whatif-violated = 越限
app-whatif-optimum = 优化目标“{ $objective }”：基准 { $baseline } → 优化 { $optimum } { $unit }（降低 { $percent } %）
app-whatif-held = 固定在基准值：{ $keys }
app-whatif-recommended = 推荐参数（相对基准的变化）

## 三维界面的启动选项（显示在问题窗口中）

app-startup-bad-time = 无法将 "{ $value }" 识别为时间
app-startup-no-equipment = 没有设备 "{ $id }"
app-startup-unknown-quantity = 未知的物理量 "{ $value }"
app-browse-env = 不允许使用 --password-env { $variable }：凭据只能来自 PLANT_TWIN_* 环境变量（或 PLANT_TWIN_ALLOW_ENV 中列出的变量）
app-browse-env-unset = 环境变量 { $variable } 未设置
app-browse-needs-site = --write-sources 需要 --site（变量要对应到其计量表的站点）
app-browse-written = { $file }：已写入包含 { $count } 个变量的数据源文件；使用前请核对
app-cmd-browse = 列出 OPC UA 服务器的变量（路径、带命名空间 URI 的节点 ID、数据类型、单位）；配合 --site 和 --write-sources，写出按名称对应到站点计量表的数据源文件。
app-arg-browse-url = 服务器端点，opc.tcp://主机:端口[/路径]。
app-arg-browse-security-policy = None、Basic256Sha256、Aes128_Sha256_RsaOaep 或 Aes256_Sha256_RsaPss。
app-arg-browse-security-mode = None、Sign 或 SignAndEncrypt。
app-arg-browse-user = 用户名；密码从 --password-env 读取。
app-arg-browse-password-env = 保存密码的环境变量（PLANT_TWIN_*）。
app-arg-browse-site = 变量要对应到其计量表的站点（配合 --write-sources）。
app-arg-browse-write-sources = 在此写出带注释的数据源文件：按名称对应到站点计量表的变量，其余的列出。
app-arg-browse-trust-server = 若服务器证书的 SHA-1 指纹与此一致则信任它（首次不带此项时会显示指纹；请与服务器管理员在服务器上读到的指纹核对）。实时数据源使用同一信任列表。
app-cmd-forecast = 从某一时刻起预测计量表的数值并给出预测区间（MSTL 分解加 ETS 趋势；历史数据够两个周期时使用日、周季节性）；若记录在此之后仍有数据，并列实际值及与季节性朴素预测的误差对比。
app-arg-forecast-meter = 要预测的计量表（site.toml 中的 ID）。
app-arg-forecast-at = 从此时刻起预测，按厂区时区（如 "2026-11-10 15:00"）。默认：记录末尾。
app-arg-forecast-horizon = 预测多远（如 1d、12h、7d）。
app-arg-forecast-step = 预测步长：计量表在每一步内的平均值（如 1h、15min）。
app-arg-forecast-history = 预测学习该时刻之前多长的历史数据。
app-arg-forecast-level = 预测区间的置信水平，单位 %（50 至 99.9）。
app-forecast-bad-duration = --{ $option } "{ $value }" 不是有效时长（如 1h、15min、1d、7d）
app-forecast-bad-level = --level { $value }：区间的置信水平须在 50 至 99.9（%）之间
app-forecast-no-meter = { $id } 不是 { $file } 中的计量表
app-forecast-no-series = 计量表 { $id } 在站点记录中没有数据
app-forecast-no-data = 计量表 { $id } 在 { $at } 之前没有可用于预测的数据
app-forecast-failed = 无法预测 { $id }：{ $reason }
app-forecast-title = 预测：{ $meter }（{ $id }），{ $site }
app-forecast-basis = 从 { $at } 起，预测 { $horizon }，步长 { $step }（计量表每步内的平均值）；{ $method }，基于自 { $history_from } 以来的历史数据；{ $level } % 预测区间。
app-forecast-method-mstl = MSTL（季节性：{ $seasons }）加 ETS 趋势
app-forecast-method-ets = 仅 ETS（历史数据不足两天，无日季节性）
app-forecast-method-naive = 季节性朴素预测
app-forecast-season-day = 日
app-forecast-season-week = 周
app-forecast-col-time = 时间
app-forecast-col-forecast = 预测值
app-forecast-col-lower = 下限
app-forecast-col-upper = 上限
app-forecast-col-actual = 实际值
app-forecast-against = 与实际对比：平均绝对误差 { $mae } { $unit }；季节性朴素预测（前一天同一时刻的值）的误差为 { $naive } { $unit }；{ $steps } 个实际值中有 { $inside } 个落在 { $level } % 区间内。
app-cmd-anomalies = 列出站点各计量表在一段时间内的异常：数据中断、卡值与平直的计量表、尖峰、偏离通常值、水平突变、漂移以及同类计量表中的离群者，每条给出实测值、通常值及以 σ 计的偏离程度。
app-arg-anomalies-meter = 只列这些计量表（可重复该选项；检测时仍看全部计量表，同类计量表一起比较）。
app-arg-anomalies-kind = 只列这些类型（data-outage、no-data、recurring-gap、stuck、flat-line、spike、deviation、level-shift、drift、peer-outlier、model-deviation；可重复）。
app-anomalies-bad-kind = --kind { $value } 不是异常类型（可选：{ $kinds }）
app-anomalies-no-data = 站点记录中没有数据
app-anomalies-title = 异常：{ $site }
app-anomalies-basis = 从 { $from } 到 { $to }（{ $time_zone }）：共 { $count } 条异常。通常值为各天同一刻钟的中位数；σ 为稳健离散度（1.4826 × 中位绝对偏差）。
app-anomalies-col-start = 开始
app-anomalies-col-duration = 持续
app-anomalies-col-meter = 计量表
app-anomalies-col-kind = 类型
app-anomalies-col-value = 实测值
app-anomalies-col-expected = 通常值
app-anomalies-col-sigmas = σ
app-anomalies-all-meters = 全部计量表
app-anomalies-minutes = { $n } 分钟
app-anomalies-hours = { $n } 小时
app-anomalies-days = { $n } 天
app-arg-anomalies = 启动时打开异常列表。
app-arg-forecast-total = 或者预测全厂合计：energy（GJ/h，所有能源品种）或 co2（t/h，范围一加基于位置的范围二），按核算逐小时计算。
app-forecast-total-energy = 全厂能耗（所有能源品种）
app-forecast-total-co2 = 全厂 CO2（范围一加范围二，基于位置）
app-anomalies-outside-record = 所选时段不含任何记录数据；记录从 { $from } 到 { $to }
app-anomalies-short-window = 警告：所选时段不足 4 天，无法判断各时刻的通常值：不查找偏离和尖峰（不足 3 天时也不查找漂移和水平突变）（可用 --from 和 --to 放宽时段）
app-forecast-basis-total = 从 { $at } 起，预测 { $horizon }，步长 { $step }（每步内的全厂合计，来自每小时核算）；{ $method }，基于自 { $history_from } 以来的历史数据；{ $level } % 预测区间。
app-report-no-trajectory = 警告：报告中没有 CO2 轨迹：{ $reason }
app-cmd-baseline = 计量表的回归基准（IPMVP 选项 C、ASHRAE Guideline 14）：在基准期内按日或按小时，以温度（变点模型）和产量驱动因素拟合其能耗；给出报告期时，比较报告期的预期能耗与实际能耗，给出节约量及其不确定度。
app-arg-baseline-meter = 能耗计量表（site.toml 中的 ID）：速率按周期累计（kW → kWh），区间计量表求和。
app-arg-baseline-temperature = 温度计量表（室外干球温度等）：按周期取平均，用于变点模型。
app-arg-baseline-driver = 产量或其他驱动因素计量表，按周期累计（速率）或取平均；可重复指定多个。
app-arg-baseline-from = 基准期开始时间（站点时区）。默认：记录开始。
app-arg-baseline-to = 基准期结束时间。默认：记录结束。
app-arg-baseline-report-from = 报告期开始时间（改造之后）：自此比较预期与实际。
app-arg-baseline-report-to = 报告期结束时间。默认：记录结束。
app-arg-baseline-step = 周期：日（IPMVP 常用）或小时。
app-arg-baseline-model = 模型形式：auto（在斜率显著者中取 RMSE 最小）、mean（仅驱动因素）、2p、3pc、3ph、4p。
app-baseline-not-temperature = { $id } 不是温度计量表：--temperature 须为温度（产量请用 --driver）
app-baseline-bad-model = 未知模型“{ $value }”
app-baseline-too-few = 可用周期 { $rows } 个，系数 { $coefficients } 个：请放宽时间窗、使用 --step hour 或减少驱动因素
app-baseline-singular = 驱动因素变化不足，无法拟合（某驱动因素在时间窗内不变、两个驱动因素同步变化，或所选模型的温度斜率不存在）
app-baseline-no-reporting = 报告期内没有所有计量表均有数据的周期
app-baseline-title = { $meter } 的基准（每周期 { $unit }）
app-baseline-shape = 模型 { $shape }，变点 { $cp }；用 { $n } 个周期拟合（{ $left_out } 个因数据不足而剔除）。
app-baseline-col-term = 项
app-baseline-col-coef = 系数
app-baseline-col-se = 标准误差
app-baseline-stats = R² { $r2 } · CV(RMSE) { $cv } % · NMBE { $nmbe } % · 残差自相关 ρ { $rho } · Durbin–Watson { $dw } · RMSE { $rmse }
app-baseline-savings = 报告期与基准对比
app-baseline-col-item = 项目
app-baseline-expected = 预期（调整后基准）
app-baseline-actual = 实际
app-baseline-avoided = 节约量（预期 − 实际）
app-baseline-uncertainty = 置信度 { $level } % 的不确定度
app-baseline-periods = 共 { $m } 个周期（{ $left_out } 个因数据不足而剔除，{ $outside } 个超出基准期范围：为外推）；节约率 { $fraction } %。
app-baseline-col-period = 周期
app-baseline-method = IPMVP 选项 C；统计量及节约量相对不确定度依 ASHRAE Guideline 14（p 为含截距的系数个数，不计变点）；变点模型及其搜索依 RP-1050 工具包。参考：ASHRAE Guideline 14 要求校准模型在月数据上 CV(RMSE) ≤ 15 %、|NMBE| ≤ 5 %（小时数据 30 %、10 %）。见 docs/baselines.md。
app-arg-baseline-weekend = 增加周末指示变量（周六、周日）作为驱动因素：办公楼的日类型。
app-report-no-target-year = 注意：报告中没有 CO2 轨迹：site.toml 中没有 { $year } 年的 CO2 目标（已设目标：{ $years }）
app-baseline-driver-is-meter = { $id } 就是计量表本身：驱动因素须为另一块计量表
app-baseline-not-energy = 警告：{ $id } 不是能耗、功率或流量计量表：其基准为每周期的平均值，而非能耗
app-baseline-reporting-window = 报告期（--report-from/--report-to）：{ $reason }
app-baseline-outside-record = { $options } 的时间窗在记录之外，记录范围为 { $first } 至 { $last }
app-baseline-overlap = 警告：报告期与基准期重叠：节约量是相对基准所学习的时段计算的
app-baseline-temperature-unused = 已尝试温度但未采用：在 { $n } 个周期内，按每个参数 { $per } 个周期的要求，没有斜率显著的温度模型（用 --model 指定则仍可拟合）。
app-baseline-not-significant = 按 Guideline 14 的规则（置信度 68 % 时不确定度须小于节约量的 50 %），该节约量与零无法区分。
app-baseline-term-intercept = 截距
app-baseline-term-weekend = 周末
app-baseline-term-temperature = 温度
app-anomalies-instant = 不足 1 分钟
app-anomalies-unchecked = 警告：“{ $process }”对 { $meter } 的模型校核无法运行：{ $reason }
app-arg-forecast-kpi = 或某产品的关键指标，逐小时，格式 PRODUCT:KEY[:UNIT]（如 clinker:fuel:GJ/t、cement:electricity）。
app-arg-forecast-flow = 或某条能流的能量，逐小时（GJ/h），格式 FROM:TO，与 site.toml 的 [[flow]] 一致（如 coal-mill-1:kiln-1）。
app-forecast-no-kpi = 没有关键指标“{ $value }”：格式 PRODUCT:KEY[:UNIT]，可选 { $known }
app-forecast-no-flow = 没有能流“{ $value }”：格式 FROM:TO，可选 { $known }
app-cmd-import = 将站点的历史记录推送到 VictoriaMetrics（其导入 API），序列为 plant_twin_meter{"{"}site, meter, unit{"}"}：只推送数据库中尚没有的部分，因此可以重复运行并断点续传；之后可只从数据库读取该站点（site.toml 中的 [historian]）。
app-arg-import-site = 站点包文件夹（含 site.toml 及其数据文件）。
app-arg-import-to = 数据库地址，例如 http://127.0.0.1:8428（VictoriaMetrics 单机版）。
app-arg-import-site-label = 序列的 site 标签。默认：站点包文件夹的名称。
app-arg-import-auth-header = 每个请求都发送的请求头（例如 Authorization）……
app-arg-import-auth-env = ……其值读自此环境变量（PLANT_TWIN_*）。
app-arg-connect = 除文件外，还读取站点的 [historian] 数据库（其历史记录在 VictoriaMetrics、Prometheus 等中）；未加此项时查看器会先询问。
app-import-no-data = 站点的数据文件中没有可导入的样本
app-import-progress = 已发送 { $sent } / { $total } 个样本
app-import-done = { $meters } 个计量表：{ $sent } 个样本已分 { $requests } 次请求发送到 { $url }，{ $already } 个已存在。
app-import-fewer-held = 数据库只保存了 { $expected } 个样本中的 { $held } 个：其保留期（VictoriaMetrics 的 -retentionPeriod，默认一个月）很可能短于记录；请保留数据文件
app-import-use = 如需从数据库读取该站点，请在其 site.toml 中加入以下内容（之后可去掉 [[data]] 文件）：
app-report-no-data-historian = { $file }：没有计量数据：站点的历史记录在 { $url } 的数据库中，只有加 --connect 才会读取

# plant-twin import-ifc
app-cmd-import-ifc = 由 IFC 建筑模型生成站点包：几何导出为 model.glb（节点 extras 中带 GlobalId），楼层和空间作为区域，建筑设备（水泵、风机、空调机组、风口等）作为设备；列出找到和未找到的内容。
app-arg-import-ifc-file = IFC 文件（IFC2X3、IFC4 或 IFC4X3，STEP 格式）。
app-arg-import-ifc-time-zone = 建筑所在的 IANA 时区（其计量表无时区偏移的时间按此解释）。
app-arg-import-ifc-name = 站点名称（默认：文件中的建筑名称）。
app-ifc-read = 已读取 { $schema }：{ $products } 个构件；模型有 { $nodes } 个节点、{ $triangles } 个三角形（空间和洞口不绘制）。
app-ifc-storey = { $name }：{ $spaces } 个空间，{ $elements } 个构件
app-ifc-equipment = { $count } 个建筑设备构件已设为设备：
app-ifc-no-equipment = 文件中没有建筑设备构件：请在编辑模式（--edit）中将模型节点设为设备。
app-ifc-item = { $id }（{ $class }，{ $area }）{ $place }
app-ifc-in-model = · 在模型中
app-ifc-not-in-model = · 不在模型中（文件中没有几何体）
app-ifc-network = 管道、风管及其管件作为管网保留，不设为设备：{ $list }
app-ifc-meter-names = 在属性集中找到 { $count } 个计量表名称（已写为待补全的注释 [[meter]] 表）。
