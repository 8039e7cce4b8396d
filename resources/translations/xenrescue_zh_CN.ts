<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditLog</name>
    <message>
        <source>Cannot write the audit log %1: %2</source>
        <translation>无法写入审计日志 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read the audit log %1: %2</source>
        <translation>无法读取审计日志 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write the audit log %1: the disk is full (%2). Nothing was added to the log.</source>
        <translation>无法写入审计日志 %1：磁盘已满（%2）。日志中未添加任何内容。</translation>
    </message>
    <message>
        <source>Cannot write the audit log %1: the file cannot grow (%2). Nothing was added to the log.</source>
        <translation>无法写入审计日志 %1：文件无法再增大（%2）。日志中未添加任何内容。</translation>
    </message>
    <message>
        <source>Cannot write the audit log %1: its folder is read-only (%2). Nothing was added to the log.</source>
        <translation>无法写入审计日志 %1：其所在文件夹为只读（%2）。日志中未添加任何内容。</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>Cannot write the audit log %1: another program (%2, process %3) holds its lock %4. Nothing was added to the log.</source>
        <translation>无法写入审计日志 %1：另一个程序（%2，进程 %3）持有其锁文件 %4。日志中未添加任何内容。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>cannot create the lock file %1</source>
        <translation>无法创建锁文件 %1</translation>
    </message>
</context>
<context>
    <name>ChangedHostKeyDialog</name>
    <message>
        <source>Host Key Changed: Connection Refused</source>
        <translation>主机密钥已变更：已拒绝连接</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <source>Key type now offered:</source>
        <translation>当前提供的密钥类型：</translation>
    </message>
    <message>
        <source>&amp;Fingerprint now offered:</source>
        <translation>当前提供的指纹(&amp;F)：</translation>
    </message>
    <message>
        <source>Old key stored in:</source>
        <translation>旧密钥保存位置：</translation>
    </message>
</context>
<context>
    <name>CliDispatcher</name>
    <message>
        <source>Usage: xenrescue-cli [--help] [--version] COMMAND [options]</source>
        <translation>用法：xenrescue-cli [--help] [--version] 命令 [选项]</translation>
    </message>
    <message>
        <source>XenRescue for scripts and for consoles without a display.</source>
        <translation>XenRescue 命令行版，适用于脚本和没有图形显示的控制台。</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>选项：</translation>
    </message>
    <message>
        <source>Show this help, or a command&apos;s help after its name.</source>
        <translation>显示本帮助；放在命令名之后则显示该命令的帮助。</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>显示版本号。</translation>
    </message>
    <message>
        <source>xenrescue-cli: unknown command or option &quot;%1&quot;.</source>
        <translation>xenrescue-cli：未知的命令或选项“%1”。</translation>
    </message>
    <message>
        <source>Run &quot;xenrescue-cli --help&quot; to see the commands.</source>
        <translation>运行“xenrescue-cli --help”查看可用命令。</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a Host</source>
        <translation>连接主机</translation>
    </message>
    <message>
        <source>Connect to a XenServer, XCP-ng or Xen dom0 over SSH. Values left empty are taken from ~/.ssh/config.</source>
        <translation>通过 SSH 连接到 XenServer、XCP-ng 或 Xen 的 dom0。留空的字段将从 ~/.ssh/config 读取。</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>dom0 name or address, e.g. xs-01.example.com</source>
        <translation>dom0 的主机名或地址，例如 xs-01.example.com</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <source>from ~/.ssh/config, otherwise your login name</source>
        <translation>取自 ~/.ssh/config，否则使用当前登录名</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>认证方式(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation>密钥文件(&amp;K)：</translation>
    </message>
    <message>
        <source>e.g. ~/.ssh/id_ed25519</source>
        <translation>例如 ~/.ssh/id_ed25519</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Name in the tree:</source>
        <translation>树中显示的名称(&amp;N)：</translation>
    </message>
    <message>
        <source>optional; the host name otherwise</source>
        <translation>可选；留空则使用主机名</translation>
    </message>
    <message>
        <source>&amp;Remember passwords and passphrases in the system keychain</source>
        <translation>在系统密钥环（钥匙串）中记住密码和私钥口令(&amp;R)</translation>
    </message>
    <message>
        <source>Connect to this host when XenRescue &amp;starts</source>
        <translation>XenRescue 启动时自动连接此主机(&amp;S)</translation>
    </message>
</context>
<context>
    <name>ConnectionManager</name>
    <message>
        <source>XenRescue stopped reconnecting because the host&apos;s key changed.</source>
        <translation>由于主机密钥已变更，XenRescue 已停止重新连接。</translation>
    </message>
    <message>
        <source>XenRescue stopped reconnecting because the host&apos;s key was not accepted.</source>
        <translation>由于主机密钥未被接受，XenRescue 已停止重新连接。</translation>
    </message>
    <message>
        <source>XenRescue stopped reconnecting because the login was refused.</source>
        <translation>由于登录被拒绝，XenRescue 已停止重新连接。</translation>
    </message>
    <message>
        <source>XenRescue stopped reconnecting because the login was cancelled.</source>
        <translation>由于登录已取消，XenRescue 已停止重新连接。</translation>
    </message>
</context>
<context>
    <name>CredentialDialog</name>
    <message>
        <source>Authentication</source>
        <translation>认证</translation>
    </message>
    <message>
        <source>&amp;Remember in the system keychain</source>
        <translation>在系统密钥环（钥匙串）中记住(&amp;R)</translation>
    </message>
</context>
<context>
    <name>CredentialStore</name>
    <message>
        <source>The system keychain is not available (%1).</source>
        <translation>系统密钥环（钥匙串）不可用（%1）。</translation>
    </message>
    <message>
        <source>Nothing stored in the keychain.</source>
        <translation>系统密钥环中没有保存的内容。</translation>
    </message>
</context>
<context>
    <name>GzipReader</name>
    <message>
        <source>the file is empty, not gzip data.</source>
        <translation>文件为空，不是 gzip 数据。</translation>
    </message>
    <message>
        <source>not gzip data (no gzip header).</source>
        <translation>不是 gzip 数据（没有 gzip 文件头）。</translation>
    </message>
    <message>
        <source>cannot start decompression (out of memory?).</source>
        <translation>无法开始解压缩（内存不足？）。</translation>
    </message>
    <message>
        <source>read error: %1</source>
        <translation>读取错误：%1</translation>
    </message>
    <message>
        <source>unexpected data after the compressed data.</source>
        <translation>压缩数据之后还有意外的数据。</translation>
    </message>
    <message>
        <source>cannot restart decompression.</source>
        <translation>无法重新开始解压缩。</translation>
    </message>
    <message>
        <source>the compressed data ends early (truncated file).</source>
        <translation>压缩数据提前结束（文件被截断）。</translation>
    </message>
    <message>
        <source>corrupt compressed data (%1).</source>
        <translation>压缩数据已损坏（%1）。</translation>
    </message>
</context>
<context>
    <name>HostKeyDialog</name>
    <message>
        <source>Unknown Host Key</source>
        <translation>未知的主机密钥</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <source>Key type:</source>
        <translation>密钥类型：</translation>
    </message>
    <message>
        <source>&amp;Fingerprint:</source>
        <translation>指纹(&amp;F)：</translation>
    </message>
</context>
<context>
    <name>HostState</name>
    <message>
        <source>disconnected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>waiting for host key approval</source>
        <translation>等待确认主机密钥</translation>
    </message>
    <message>
        <source>authenticating</source>
        <translation>正在认证</translation>
    </message>
    <message>
        <source>waiting for credentials</source>
        <translation>等待输入凭据</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>连接已断开</translation>
    </message>
    <message>
        <source>connection failed</source>
        <translation>连接失败</translation>
    </message>
</context>
<context>
    <name>PoolState</name>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Halted</source>
        <translation>已关机</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>answering</source>
        <translation>正常响应</translation>
    </message>
    <message>
        <source>slow</source>
        <translation>响应缓慢</translation>
    </message>
    <message>
        <source>not answering</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>拒绝连接</translation>
    </message>
    <message>
        <source>no domain</source>
        <translation>没有域</translation>
    </message>
    <message>
        <source>domain still exists</source>
        <translation>域仍然存在</translation>
    </message>
    <message>
        <source>dying domain</source>
        <translation>域处于 dying 状态</translation>
    </message>
    <message>
        <source>operation stuck</source>
        <translation>操作卡住</translation>
    </message>
    <message>
        <source>xapi unknown</source>
        <translation>xapi 状态未知</translation>
    </message>
    <message>
        <source>unknown to xapi</source>
        <translation>xapi 中无记录</translation>
    </message>
    <message>
        <source>xapi records this VM as running, but the hypervisor has no domain for it: the VM is not really running. A toolstack restart usually makes xapi resync its power state.</source>
        <translation>xapi 记录此虚拟机为运行中，但 hypervisor 中没有它的域：该虚拟机实际上并未运行。重启 toolstack 通常会让 xapi 重新同步它的电源状态。</translation>
    </message>
    <message>
        <source>xapi records this VM as halted, but the hypervisor still runs a domain for it. Do not start it again or reset its power state: two copies would write to the same disks.</source>
        <translation>xapi 记录此虚拟机为已关机，但 hypervisor 中仍在运行它的域。不要再次启动它，也不要重置它的电源状态：否则会有两个副本同时写入相同的磁盘。</translation>
    </message>
    <message>
        <source>The domain is dying (or shown as (null)): it was destroyed but a backend such as tapdisk or qemu still holds it. Look at tap-ctl list before going further.</source>
        <translation>该域处于 dying 状态（或显示为 (null)）：它已被销毁，但仍被 tapdisk 或 qemu 等后端占用。继续操作之前，请先查看 tap-ctl list 的输出。</translation>
    </message>
    <message>
        <source>An operation on this VM has been pending for longer than expected: the guest may be ignoring it, or the task is stuck.</source>
        <translation>此虚拟机上的某个操作等待完成的时间超出预期：可能是虚拟机操作系统没有理会该操作，也可能是任务卡住了。</translation>
    </message>
    <message>
        <source>xapi does not answer, so what it believes about this VM is unknown or out of date. The hypervisor&apos;s view is still shown.</source>
        <translation>xapi 无响应，因此它所记录的此虚拟机状态未知或已过时。仍会显示 hypervisor 看到的状态。</translation>
    </message>
    <message>
        <source>The hypervisor runs a domain that xapi has no VM record for.</source>
        <translation>hypervisor 中运行着一个域，但 xapi 中没有对应的虚拟机记录。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>ambiguous records</source>
        <translation>记录无法区分</translation>
    </message>
    <message>
        <source>xapi&apos;s records for this VM cannot be told apart (a name holds line breaks or a UUID appears twice): read it by uuid= before acting</source>
        <translation>xapi 中此虚拟机的记录无法区分（有名称中包含换行符，或有 UUID 出现了两次）：执行操作之前，请按 uuid= 读取</translation>
    </message>
</context>
<context>
    <name>ReadableIdentity</name>
    <message>
        <source>xapi is not answering on %1: read without xe, from what dom0 itself says (names of VMs and networks may be missing). It is read again with xe once xapi answers.</source>
        <translation>%1 上的 xapi 无响应：已不经 xe，根据 dom0 自身提供的信息读取（可能缺少虚拟机和网络的名称）。xapi 恢复响应后，会再用 xe 重新读取。</translation>
    </message>
</context>
<context>
    <name>RecoveryLadder</name>
    <message>
        <source>XenServer &lt;= 6.2 (legacy xapi)</source>
        <translation>XenServer &lt;= 6.2（旧版 xapi）</translation>
    </message>
    <message>
        <source>%1 (legacy xapi)</source>
        <translation>%1（旧版 xapi）</translation>
    </message>
    <message>
        <source>XenServer 6.5+ / XCP-ng (xapi)</source>
        <translation>XenServer 6.5+ / XCP-ng（xapi）</translation>
    </message>
    <message>
        <source>%1 (xapi)</source>
        <translation>%1（xapi）</translation>
    </message>
    <message>
        <source>Xen with the xl toolstack</source>
        <translation>使用 xl toolstack 的 Xen</translation>
    </message>
    <message>
        <source>Xen %1 with the xl toolstack</source>
        <translation>使用 xl toolstack 的 Xen %1</translation>
    </message>
    <message>
        <source>Xen with xm/xend</source>
        <translation>使用 xm/xend 的 Xen</translation>
    </message>
    <message>
        <source>Xen %1 with xm/xend</source>
        <translation>使用 xm/xend 的 Xen %1</translation>
    </message>
    <message>
        <source>The inventory names no product or platform version (PRODUCT_BRAND, PRODUCT_VERSION, PLATFORM_VERSION).</source>
        <translation>inventory 文件中没有给出产品或平台版本（PRODUCT_BRAND、PRODUCT_VERSION、PLATFORM_VERSION）。</translation>
    </message>
    <message>
        <source>Unknown flavour &quot;%1&quot;: use xenserver, xcp-ng, xcp, xapi-legacy, xapi-modern, xl or xm.</source>
        <translation>未知的主机类型“%1”：请使用 xenserver、xcp-ng、xcp、xapi-legacy、xapi-modern、xl 或 xm。</translation>
    </message>
    <message>
        <source>The input is empty.</source>
        <translation>输入为空。</translation>
    </message>
    <message>
        <source>The input is binary data, not command output.</source>
        <translation>输入是二进制数据，不是命令输出。</translation>
    </message>
    <message>
        <source>In the situation, &quot;%1&quot;: %2</source>
        <translation>情况描述中的“%1”：%2</translation>
    </message>
    <message>
        <source>a text is expected.</source>
        <translation>应为字符串。</translation>
    </message>
    <message>
        <source>true or false is expected.</source>
        <translation>应为 true 或 false。</translation>
    </message>
    <message>
        <source>a whole number is expected.</source>
        <translation>应为整数。</translation>
    </message>
    <message>
        <source>a number is expected.</source>
        <translation>应为数字。</translation>
    </message>
    <message>
        <source>a list of texts is expected.</source>
        <translation>应为字符串列表。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of %2.</source>
        <translation>“%1”不是 %2 之一。</translation>
    </message>
    <message>
        <source>an object is expected.</source>
        <translation>应为对象。</translation>
    </message>
    <message>
        <source>a list of objects is expected.</source>
        <translation>应为对象列表。</translation>
    </message>
    <message>
        <source>six xl state flags such as &quot;-b----&quot; are expected.</source>
        <translation>应为六个 xl 状态标志，例如“-b----”。</translation>
    </message>
    <message>
        <source>unknown tool &quot;%1&quot;.</source>
        <translation>未知的工具“%1”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a rung name.</source>
        <translation>“%1”不是步骤名称。</translation>
    </message>
    <message>
        <source>The situation is not valid JSON (offset %1): %2.</source>
        <translation>情况描述不是有效的 JSON（偏移量 %1）：%2。</translation>
    </message>
    <message>
        <source>The situation must be a JSON object.</source>
        <translation>情况描述必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>Diagnose</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Compare what the toolstack records for the VM with what the hypervisor really runs, and look for tasks and operations that hold the VM. Changes nothing.</source>
        <translation>对比 toolstack 为该虚拟机记录的状态与 hypervisor 中实际运行的情况，并查找占住该虚拟机的任务和操作。不做任何更改。</translation>
    </message>
    <message>
        <source>Nothing.</source>
        <translation>无。</translation>
    </message>
    <message>
        <source>Ask the guest to shut down</source>
        <translation>请求虚拟机正常关机</translation>
    </message>
    <message>
        <source>Sends the guest an orderly shutdown request, as if someone pressed its power button. A guest that still works shuts down on its own and saves its data.</source>
        <translation>向虚拟机发送正常关机请求，就像有人按下了它的电源按钮。仍能正常工作的虚拟机会自行关机并保存数据。</translation>
    </message>
    <message>
        <source>Nothing: the guest closes its programs itself.</source>
        <translation>无：虚拟机操作系统会自行关闭其中的程序。</translation>
    </message>
    <message>
        <source>Cancel the stuck tasks</source>
        <translation>取消卡住的任务</translation>
    </message>
    <message>
        <source>Cancels the xapi tasks that keep the VM busy, so that other operations on it are accepted again.</source>
        <translation>取消使该虚拟机一直处于忙碌状态的 xapi 任务，使针对它的其他操作重新被接受。</translation>
    </message>
    <message>
        <source>The cancelled operations (for example a shutdown or migration in progress).</source>
        <translation>被取消的操作（例如正在进行的关机或迁移）。</translation>
    </message>
    <message>
        <source>Force shutdown</source>
        <translation>强制关机</translation>
    </message>
    <message>
        <source>Turns the VM off without asking the guest, like pulling its power cord. xapi first cancels the pending clean shutdown, reboot or migration tasks it can cancel.</source>
        <translation>不经虚拟机操作系统同意直接关闭虚拟机，相当于拔掉它的电源线。xapi 会先取消它能够取消的、尚未完成的正常关机、重启或迁移任务。</translation>
    </message>
    <message>
        <source>Everything the guest had not written to disk yet.</source>
        <translation>虚拟机中所有尚未写入磁盘的数据。</translation>
    </message>
    <message>
        <source>Force reboot</source>
        <translation>强制重启</translation>
    </message>
    <message>
        <source>Resets the VM without asking the guest and starts it again in a new domain.</source>
        <translation>不经虚拟机操作系统同意直接复位虚拟机，并在新的域中重新启动它。</translation>
    </message>
    <message>
        <source>Reset the power state</source>
        <translation>重置电源状态</translation>
    </message>
    <message>
        <source>Tells xapi to record the VM as halted without touching the hypervisor. Only right when no domain runs for the VM any more: xapi&apos;s record is then simply out of date.</source>
        <translation>让 xapi 将该虚拟机记录为已关机，而不触及 hypervisor。仅当该虚拟机已没有任何运行中的域时才适用：此时只是 xapi 的记录已过时。</translation>
    </message>
    <message>
        <source>If a domain still runs, the VM can be started a second time on the same disks: the disks get corrupted.</source>
        <translation>如果域仍在运行，该虚拟机可能会在相同的磁盘上被再次启动：磁盘数据将会损坏。</translation>
    </message>
    <message>
        <source>Restart the toolstack</source>
        <translation>重启 toolstack（管理工具栈）</translation>
    </message>
    <message>
        <source>Restarts the management services of the host. Running VMs keep running; when the toolstack is back it reads the real state of every VM again.</source>
        <translation>重启主机上的管理服务。运行中的虚拟机会继续运行；toolstack 恢复后会重新读取每台虚拟机的实际状态。</translation>
    </message>
    <message>
        <source>Management operations in flight on that host (migrations, imports, exports) fail and must be started again.</source>
        <translation>该主机上正在进行的管理操作（迁移、导入、导出）会失败，需要重新发起。</translation>
    </message>
    <message>
        <source>Destroy the domain</source>
        <translation>销毁域（destroy domain）</translation>
    </message>
    <message>
        <source>Removes the VM&apos;s domain from the hypervisor at once, on the host where it runs. The guest gets no chance to react.</source>
        <translation>在虚拟机所在的主机上，立即从 hypervisor 中移除该虚拟机的域。虚拟机操作系统没有任何机会做出反应。</translation>
    </message>
    <message>
        <source>Everything unsaved in the guest, and possibly the consistency of its file systems.</source>
        <translation>虚拟机中所有未保存的数据，并可能破坏其文件系统的一致性。</translation>
    </message>
    <message>
        <source>Force a guest crash</source>
        <translation>强制虚拟机进入崩溃状态</translation>
    </message>
    <message>
        <source>Makes the guest crash (a blue screen or kernel panic, with a crash dump when the guest is set up for it); then a shutdown is tried again.</source>
        <translation>使虚拟机操作系统崩溃（蓝屏或 kernel panic；如果虚拟机已配置崩溃转储，则会生成转储），然后再次尝试关机。</translation>
    </message>
    <message>
        <source>The guest crashes: everything unsaved in it.</source>
        <translation>虚拟机操作系统崩溃：其中所有未保存的数据。</translation>
    </message>
    <message>
        <source>Power-cycle the host</source>
        <translation>强制关闭并重新启动主机电源</translation>
    </message>
    <message>
        <source>Switches the whole host off and on again through its management board (BMC, IPMI, iLO, iDRAC). XenRescue never does this itself: it gives you a checklist.</source>
        <translation>通过主机的管理控制器（BMC、IPMI、iLO、iDRAC）将整台主机断电后重新上电。XenRescue 绝不会自行执行此操作：它只向您提供一份检查清单。</translation>
    </message>
    <message>
        <source>Every VM on that host stops at once, with everything unsaved in each of them.</source>
        <translation>该主机上的所有虚拟机会立即停止，每台虚拟机中所有未保存的数据都会丢失。</translation>
    </message>
    <message>
        <source>the VM&apos;s host</source>
        <translation>虚拟机所在的主机</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>halted</source>
        <translation>已关机</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>suspended</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Domain %1 was already destroyed but lingers as a dying (null) domain: a backend such as tapdisk or qemu still holds it. Run &quot;tap-ctl list&quot; on %2 to see what holds it; destroying it again does not help.</source>
        <translation>域 %1 已被销毁，但仍以处于 dying 状态的 (null) 域残留：tapdisk 或 qemu 等后端仍占用着它。请在 %2 上运行“tap-ctl list”查看是什么占用了它；再次销毁无济于事。</translation>
    </message>
    <message>
        <source>tap-ctl list shows a tapdisk still attached to it.</source>
        <translation>tap-ctl list 显示仍有 tapdisk 挂接在它上面。</translation>
    </message>
    <message>
        <source>The domain list of %1 has not been read yet, so the VM&apos;s domain id is not known: run the diagnosis (rung 0) first.</source>
        <translation>尚未读取 %1 的域列表，因此不知道该虚拟机的域 ID：请先运行诊断（步骤 0）。</translation>
    </message>
    <message>
        <source>xapi already records the VM as halted, yet domain %1 still exists for it: restart the toolstack (rung 3) so xapi looks again, or destroy the domain (rung 4).</source>
        <translation>xapi 已将该虚拟机记录为已关机，但它的域 %1 仍然存在：请重启 toolstack（步骤 3）让 xapi 重新检查，或销毁该域（步骤 4）。</translation>
    </message>
    <message>
        <source>The VM is already halted: there is nothing to stop.</source>
        <translation>该虚拟机已关机：无需停止。</translation>
    </message>
    <message>
        <source>No domain runs for this VM although xapi says it is %1: there is no guest left to stop. xapi&apos;s record is out of date: reset the power state (rung 2) or let xapi re-read it (rung 3).</source>
        <translation>xapi 显示该虚拟机为%1，但它没有任何运行中的域：已经没有可停止的虚拟机。xapi 的记录已过时：请重置电源状态（步骤 2），或让 xapi 重新读取状态（步骤 3）。</translation>
    </message>
    <message>
        <source>xapi is still busy with another operation on this VM (%1) and would refuse with OTHER_OPERATION_IN_PROGRESS: cancel the stuck task first (rung 1b).</source>
        <translation>xapi 仍在对该虚拟机执行另一项操作（%1），会以 OTHER_OPERATION_IN_PROGRESS 拒绝：请先取消卡住的任务（步骤 1b）。</translation>
    </message>
    <message>
        <source>xapi is still busy with another operation on this VM (%1) and would refuse with OTHER_OPERATION_IN_PROGRESS; nothing there can be cancelled: force the shutdown (rung 1c).</source>
        <translation>xapi 仍在对该虚拟机执行另一项操作（%1），会以 OTHER_OPERATION_IN_PROGRESS 拒绝；其中没有可以取消的任务：请强制关机（步骤 1c）。</translation>
    </message>
    <message>
        <source>The VM is paused: a paused guest cannot act on a shutdown request. Unpause it (xe vm-unpause) or force the shutdown (rung 1c).</source>
        <translation>该虚拟机已暂停：已暂停的虚拟机无法响应关机请求。请先恢复运行（xe vm-unpause），或强制关机（步骤 1c）。</translation>
    </message>
    <message>
        <source>xapi does not offer a clean shutdown for this VM now (allowed: %1).</source>
        <translation>xapi 目前不允许对该虚拟机执行正常关机（允许的操作：%1）。</translation>
    </message>
    <message>
        <source>No pending task holds this VM.</source>
        <translation>没有未完成的任务占住该虚拟机。</translation>
    </message>
    <message>
        <source>The pending tasks cannot be cancelled (xapi does not offer it for them). A forced shutdown (rung 1c) cancels what it can by itself.</source>
        <translation>这些未完成的任务无法取消（xapi 不允许取消它们）。强制关机（步骤 1c）会自行取消能够取消的任务。</translation>
    </message>
    <message>
        <source>xapi&apos;s power state for the VM is not known: run the diagnosis (rung 0) first.</source>
        <translation>不知道 xapi 中该虚拟机的电源状态：请先运行诊断（步骤 0）。</translation>
    </message>
    <message>
        <source>The power-state reset is refused while the domain still runs: destroy the domain first (rung 4). xapi would answer DOMAIN_EXISTS, and a reset now could let the VM start a second time on the same disks.</source>
        <translation>域仍在运行时拒绝重置电源状态：请先销毁该域（步骤 4）。xapi 会返回 DOMAIN_EXISTS，而此时重置可能导致该虚拟机在相同的磁盘上被再次启动。</translation>
    </message>
    <message>
        <source>The VM&apos;s resident host is not known: run the diagnosis (rung 0) first.</source>
        <translation>不知道该虚拟机所在的主机：请先运行诊断（步骤 0）。</translation>
    </message>
    <message>
        <source>Host %1 is alive and is not the pool master: xapi refuses the reset there (HOST_IS_LIVE). Once no domain runs, restart the toolstack on %1 (rung 3) so xapi reads the VM&apos;s real state.</source>
        <translation>主机 %1 仍在线且不是池主节点：xapi 拒绝在该主机上重置（HOST_IS_LIVE）。待该虚拟机不再有运行中的域后，请在 %1 上重启 toolstack（步骤 3），让 xapi 读取该虚拟机的实际状态。</translation>
    </message>
    <message>
        <source>Host %1 is down: its domains went with it. Reset the power state (rung 2) instead.</source>
        <translation>主机 %1 已宕机：其上的域已随之消失。请改为重置电源状态（步骤 2）。</translation>
    </message>
    <message>
        <source>No domain exists for this VM: there is nothing to destroy or crash.</source>
        <translation>该虚拟机没有域：没有可以销毁或使之崩溃的对象。</translation>
    </message>
    <message>
        <source>Domain 0 is the control domain: it is never touched from here.</source>
        <translation>域 0 是控制域：XenRescue 绝不会在这里对它进行任何操作。</translation>
    </message>
    <message>
        <source>The domain is paused: a paused guest cannot act on a shutdown request. Unpause it first, or destroy the domain (rung 4).</source>
        <translation>该域已暂停：已暂停的虚拟机无法响应关机请求。请先恢复运行，或销毁该域（步骤 4）。</translation>
    </message>
    <message>
        <source>An NMI only reaches HVM guests, and this VM is paravirtualised (PV): there is no way to crash it from outside on this host.</source>
        <translation>NMI 只能送达 HVM 虚拟机，而该虚拟机是半虚拟化（PV）的：在这台主机上无法从外部使其崩溃。</translation>
    </message>
    <message>
        <source>If the domain stays listed as (null) with the dying flag, a backend (tapdisk or qemu) still holds it: &quot;tap-ctl list&quot; shows which. That is not a success.</source>
        <translation>如果该域一直显示为带 dying 标志的 (null)，说明仍有后端（tapdisk 或 qemu）占用着它：“tap-ctl list”可显示是哪一个。这不算成功。</translation>
    </message>
    <message>
        <source>Nothing to check: the diagnosis changes nothing.</source>
        <translation>无需验证：诊断不做任何更改。</translation>
    </message>
    <message>
        <source>Poll until xapi records the VM as halted and %1 lists no domain for it.</source>
        <translation>轮询，直到 xapi 将该虚拟机记录为已关机，且 %1 中不再列出它的域。</translation>
    </message>
    <message>
        <source>Poll until %1 lists no domain for the VM.</source>
        <translation>轮询，直到 %1 中不再列出该虚拟机的域。</translation>
    </message>
    <message>
        <source>xapi may still record the VM as running afterwards: then reset the power state (rung 2) or restart the toolstack on that host (rung 3).</source>
        <translation>之后 xapi 可能仍将该虚拟机记录为运行中：此时请重置电源状态（步骤 2），或在该主机上重启 toolstack（步骤 3）。</translation>
    </message>
    <message>
        <source>Poll until the cancelled tasks are no longer pending.</source>
        <translation>轮询，直到被取消的任务不再处于未完成状态。</translation>
    </message>
    <message>
        <source>Poll until the VM runs again in a new domain.</source>
        <translation>轮询，直到该虚拟机在新的域中重新运行。</translation>
    </message>
    <message>
        <source>Check that xapi now records the VM as halted.</source>
        <translation>检查 xapi 现在是否已将该虚拟机记录为已关机。</translation>
    </message>
    <message>
        <source>Poll until xapi answers again and has re-read the VM&apos;s power state; then run the diagnosis again before going further.</source>
        <translation>轮询，直到 xapi 重新响应并重新读取了该虚拟机的电源状态；然后先再次运行诊断，再继续下一步。</translation>
    </message>
    <message>
        <source>Poll until xm answers again; then run the diagnosis again before going further.</source>
        <translation>轮询，直到 xm 重新响应；然后先再次运行诊断，再继续下一步。</translation>
    </message>
    <message>
        <source>Poll until the domain shows as crashed or shut down (or is gone); then try a forced shutdown or the destroy again.</source>
        <translation>轮询，直到该域显示为已崩溃或已关闭（或已消失）；然后再次尝试强制关机或销毁域。</translation>
    </message>
    <message>
        <source>After the host is back, check that it rejoined the pool and diagnose the VM again.</source>
        <translation>主机恢复后，检查它是否已重新加入资源池，并再次诊断该虚拟机。</translation>
    </message>
    <message>
        <source>xl keeps no task list: there is nothing to cancel.</source>
        <translation>xl 不维护任务列表：没有可以取消的任务。</translation>
    </message>
    <message>
        <source>xl has no separate forced shutdown: its force path is destroying the domain (rung 4).</source>
        <translation>xl 没有单独的强制关机：它的强制手段就是销毁域（步骤 4）。</translation>
    </message>
    <message>
        <source>xl has no forced reboot: destroy the domain (rung 4) and start the VM again.</source>
        <translation>xl 没有强制重启：请销毁域（步骤 4），然后重新启动该虚拟机。</translation>
    </message>
    <message>
        <source>xl keeps no separate power-state record: the domain list is the only truth.</source>
        <translation>xl 不单独记录电源状态：域列表是唯一可信的依据。</translation>
    </message>
    <message>
        <source>Not on xl hosts: xl has no management daemon to restart, and xenstored cannot be restarted.</source>
        <translation>不适用于 xl 主机：xl 没有可以重启的管理守护进程，而 xenstored 无法重启。</translation>
    </message>
    <message>
        <source>xm keeps no task list: there is nothing to cancel.</source>
        <translation>xm 不维护任务列表：没有可以取消的任务。</translation>
    </message>
    <message>
        <source>xm has no separate forced shutdown: its force path is destroying the domain (rung 4).</source>
        <translation>xm 没有单独的强制关机：它的强制手段就是销毁域（步骤 4）。</translation>
    </message>
    <message>
        <source>xm has no forced reboot: destroy the domain (rung 4) and start the VM again.</source>
        <translation>xm 没有强制重启：请销毁域（步骤 4），然后重新启动该虚拟机。</translation>
    </message>
    <message>
        <source>xm keeps no separate power-state record: the domain list is the only truth.</source>
        <translation>xm 不单独记录电源状态：域列表是唯一可信的依据。</translation>
    </message>
    <message>
        <source>xm offers no way to crash a guest: destroy the domain (rung 4) instead.</source>
        <translation>xm 无法使虚拟机崩溃：请改为销毁域（步骤 4）。</translation>
    </message>
    <message>
        <source>xapi is already busy with another operation on this VM. Cancel the stuck task (rung 1b), or force the shutdown (rung 1c), which cancels what it can first.</source>
        <translation>xapi 正在对该虚拟机执行另一项操作。请取消卡住的任务（步骤 1b），或强制关机（步骤 1c）——强制关机会先取消能够取消的任务。</translation>
    </message>
    <message>
        <source>The VM was not in the power state this command needs: its state changed meanwhile or xapi&apos;s record is off. Run the diagnosis again before going further.</source>
        <translation>该虚拟机不处于此命令所要求的电源状态：可能其状态在此期间已发生变化，或 xapi 的记录有误。请先再次运行诊断，再继续下一步。</translation>
    </message>
    <message>
        <source>xapi refuses to reset the power state while a domain still exists for the VM. Destroy the domain on its host first (rung 4), then reset.</source>
        <translation>该虚拟机的域仍然存在时，xapi 拒绝重置电源状态。请先在其所在主机上销毁该域（步骤 4），然后再重置。</translation>
    </message>
    <message>
        <source>The VM&apos;s host is alive, so xapi will not reset the power state it keeps for it. If a domain still runs there, destroy it (rung 4); once none is left, restart the toolstack on that host (rung 3) so that xapi re-reads the VM&apos;s state.</source>
        <translation>该虚拟机所在的主机仍在线，因此 xapi 不会重置它为该虚拟机记录的电源状态。如果该主机上仍有它的域在运行，请销毁该域（步骤 4）；域不复存在后，请在该主机上重启 toolstack（步骤 3），让 xapi 重新读取该虚拟机的状态。</translation>
    </message>
    <message>
        <source>This VM is a control domain (a host&apos;s dom0): its power state can never be reset. Restart that host&apos;s toolstack (rung 3), or power-cycle the host if it does not answer.</source>
        <translation>该虚拟机是控制域（某台主机的 dom0）：它的电源状态永远不能重置。请重启该主机的 toolstack（步骤 3）；如果主机无响应，则强制关闭并重新启动主机电源。</translation>
    </message>
    <message>
        <source>The guest has no PV drivers running, so it cannot be asked to shut down. Force the shutdown (rung 1c).</source>
        <translation>该虚拟机中没有运行 PV 驱动，因此无法请求它关机。请强制关机（步骤 1c）。</translation>
    </message>
    <message>
        <source>xe lost its connection to xapi: xapi is wedged or restarting. No xe command can work until the toolstack is restarted (rung 3); list_domains and xl still work.</source>
        <translation>xe 与 xapi 的连接已断开：xapi 已卡死或正在重启。在重启 toolstack（步骤 3）之前，任何 xe 命令都无法工作；list_domains 和 xl 仍然可用。</translation>
    </message>
    <message>
        <source>xe could not connect to xapi: xapi is not running. Restart the toolstack (rung 3); list_domains and xl still work.</source>
        <translation>xe 无法连接到 xapi：xapi 未在运行。请重启 toolstack（步骤 3）；list_domains 和 xl 仍然可用。</translation>
    </message>
    <message>
        <source>xe could not reach a management agent. Restart the toolstack (rung 3); list_domains and xl still work.</source>
        <translation>xe 无法联系到管理代理。请重启 toolstack（步骤 3）；list_domains 和 xl 仍然可用。</translation>
    </message>
    <message>
        <source>The command did not return in time: the toolstack is wedged. Restart it (rung 3); commands that avoid it (list_domains, xl) still work.</source>
        <translation>命令未能及时返回：toolstack 已卡死。请重启 toolstack（步骤 3）；不经过它的命令（list_domains、xl）仍然可用。</translation>
    </message>
    <message>
        <source>The domain no longer exists: it went away meanwhile. Run the diagnosis again before going further.</source>
        <translation>该域已不存在：它在此期间已经消失。请先再次运行诊断，再继续下一步。</translation>
    </message>
    <message>
        <source>The command needs root rights in dom0: connect as root (or a user allowed to use sudo) and try again.</source>
        <translation>该命令需要 dom0 中的 root 权限：请以 root（或允许使用 sudo 的用户）身份连接后重试。</translation>
    </message>
    <message>
        <source>The program is not installed on this host, so this rung cannot run here. Choose another applicable rung.</source>
        <translation>这台主机上没有安装该程序，因此无法在此执行这一步骤。请选择其他适用的步骤。</translation>
    </message>
    <message>
        <source>Power-cycle %1 out of band (BMC, IPMI, iLO, iDRAC) yourself: XenRescue never does it.</source>
        <translation>请您亲自通过带外方式（BMC、IPMI、iLO、iDRAC）强制关闭并重新启动 %1 的电源：XenRescue 绝不会执行此操作。</translation>
    </message>
    <message>
        <source>HA is on: the pool restarts protected VMs on other hosts by itself once it sees this host as dead. Make sure the host is really off before they start elsewhere.</source>
        <translation>HA 已启用：资源池一旦认定这台主机已失效，就会自动在其他主机上重启受保护的虚拟机。在它们于别处启动之前，请确保这台主机确实已经关闭。</translation>
    </message>
    <message>
        <source>HA is off: no VM of this host restarts elsewhere by itself; start them again once the host is back.</source>
        <translation>HA 未启用：这台主机上的虚拟机都不会自动在别处重启；请在主机恢复后重新启动它们。</translation>
    </message>
    <message>
        <source>No other live host is known: every VM on this host stops with it. Shut down cleanly the ones that still answer.</source>
        <translation>没有已知的其他在线主机：这台主机上的所有虚拟机都会随之停止。请先将仍有响应的虚拟机正常关机。</translation>
    </message>
    <message>
        <source>Hosts that can take VMs: %1.</source>
        <translation>可以接收虚拟机的主机：%1。</translation>
    </message>
    <message>
        <source>If xapi still answers, move every VM that can move first: %1 (or xe vm-migrate per VM).</source>
        <translation>如果 xapi 仍有响应，请先迁走所有可以迁移的虚拟机：%1（或对每台虚拟机执行 xe vm-migrate）。</translation>
    </message>
    <message>
        <source>Move what can move first with &quot;xl migrate DOMID HOST&quot;.</source>
        <translation>请先用“xl migrate DOMID HOST”迁走可以迁移的虚拟机。</translation>
    </message>
    <message>
        <source>Move what can move first with &quot;xm migrate --live DOMID HOST&quot;.</source>
        <translation>请先用“xm migrate --live DOMID HOST”迁走可以迁移的虚拟机。</translation>
    </message>
    <message>
        <source>not running, not affected</source>
        <translation>未运行，不受影响</translation>
    </message>
    <message>
        <source>protected by HA: restarts on another host</source>
        <translation>受 HA 保护：会在其他主机上重启</translation>
    </message>
    <message>
        <source>can be migrated away first</source>
        <translation>可以先迁移到其他主机</translation>
    </message>
    <message>
        <source>stops with the host: shut it down cleanly first if it answers</source>
        <translation>会随主机一起停止：如果仍有响应，请先将其正常关机</translation>
    </message>
    <message>
        <source>VM %1 [%2]: %3.</source>
        <translation>虚拟机 %1 [%2]：%3。</translation>
    </message>
    <message>
        <source>The list of VMs on this host was not read: read it before switching the host off.</source>
        <translation>尚未读取这台主机上的虚拟机列表：请在关闭主机之前先读取。</translation>
    </message>
    <message>
        <source>When the host is back, check that it rejoined (xe host-list, or xl list), then diagnose the VM again.</source>
        <translation>主机恢复后，检查它是否已重新加入（xe host-list 或 xl list），然后再次诊断该虚拟机。</translation>
    </message>
    <message>
        <source>xapi does not answer: every xe command would hang. Only rungs that avoid xapi can run until the toolstack is restarted.</source>
        <translation>xapi 无响应：所有 xe 命令都会卡住不返回。在重启 toolstack 之前，只能执行不经过 xapi 的步骤。</translation>
    </message>
    <message>
        <source>xend does not answer: every xm command would hang until it is restarted.</source>
        <translation>xend 无响应：在重启 xend 之前，所有 xm 命令都会卡住不返回。</translation>
    </message>
    <message>
        <source>This VM is a control domain: the host&apos;s own dom0.</source>
        <translation>该虚拟机是控制域：即主机自身的 dom0。</translation>
    </message>
    <message>
        <source>The VM&apos;s state is not known yet: run the diagnosis.</source>
        <translation>尚不知道该虚拟机的状态：请运行诊断。</translation>
    </message>
    <message>
        <source>The VM is %1 and has no domain: nothing is hung.</source>
        <translation>该虚拟机处于%1状态且没有域：它并没有假死。</translation>
    </message>
    <message>
        <source>xapi says the VM is %1, but no domain exists for it: xapi&apos;s record is out of date.</source>
        <translation>xapi 显示该虚拟机为%1，但它没有域：xapi 的记录已过时。</translation>
    </message>
    <message>
        <source>xapi records the VM as halted, yet domain %1 still exists for it.</source>
        <translation>xapi 将该虚拟机记录为已关机，但它的域 %1 仍然存在。</translation>
    </message>
    <message>
        <source>The VM is held by operations that do not finish (%1; the oldest pending for %2 s).</source>
        <translation>该虚拟机被一直无法完成的操作占住（%1；最早的一个已等待 %2 秒）。</translation>
    </message>
    <message>
        <source>The VM&apos;s domain has not been looked up yet: run the diagnosis.</source>
        <translation>尚未查找该虚拟机的域：请运行诊断。</translation>
    </message>
    <message>
        <source>No domain exists for the VM: nothing is hung.</source>
        <translation>该虚拟机没有域：它并没有假死。</translation>
    </message>
    <message>
        <source>The VM still runs (domain %1) after the rungs tried so far.</source>
        <translation>尝试了目前这些步骤之后，该虚拟机仍在运行（域 %1）。</translation>
    </message>
    <message>
        <source>The VM runs (domain %1) and has not stopped when asked to.</source>
        <translation>该虚拟机正在运行（域 %1），请求停止后仍未停止。</translation>
    </message>
    <message>
        <source>The power state of a control domain cannot be reset (xapi refuses with CANNOT_RESET_CONTROL_DOMAIN).</source>
        <translation>控制域的电源状态不能重置（xapi 会以 CANNOT_RESET_CONTROL_DOMAIN 拒绝）。</translation>
    </message>
    <message>
        <source>This VM is a control domain, the host&apos;s own dom0: it is never shut down or destroyed from here. Restart the toolstack (rung 3) or power-cycle the host (rung 6).</source>
        <translation>该虚拟机是控制域，即主机自身的 dom0：XenRescue 绝不会在这里关闭或销毁它。请重启 toolstack（步骤 3），或强制关闭并重新启动主机电源（步骤 6）。</translation>
    </message>
    <message>
        <source>The VM&apos;s UUID is not known (or is not a UUID): XenRescue addresses VMs only by UUID, never by name.</source>
        <translation>不知道该虚拟机的 UUID（或给出的不是 UUID）：XenRescue 只通过 UUID 指定虚拟机，绝不使用名称。</translation>
    </message>
    <message>
        <source>xend does not answer, and this xm command goes through it: restart xend (rung 3) first.</source>
        <translation>xend 无响应，而这条 xm 命令需要经过它：请先重启 xend（步骤 3）。</translation>
    </message>
    <message>
        <source>xapi does not answer, and this rung needs it: the command would hang. Restart the toolstack (rung 3) first.</source>
        <translation>xapi 无响应，而这一步骤需要它：命令会卡住不返回。请先重启 toolstack（步骤 3）。</translation>
    </message>
    <message>
        <source>This host has no %1, which this rung needs: it cannot run here.</source>
        <translation>这台主机上没有这一步骤所需的 %1：无法在此执行。</translation>
    </message>
    <message>
        <source>The VM is suspended: it has no running domain by design and nothing is hung. Resume it, or shut it down from xapi.</source>
        <translation>该虚拟机已挂起：按设计它本就没有运行中的域，也并没有假死。请恢复它，或通过 xapi 将其关机。</translation>
    </message>
    <message>
        <source>Task %1 (%2) cannot be cancelled.</source>
        <translation>任务 %1（%2）无法取消。</translation>
    </message>
    <message>
        <source>A task without a valid UUID was left out.</source>
        <translation>已略过一个没有有效 UUID 的任务。</translation>
    </message>
    <message>
        <source>Task %1 cannot be cancelled; the forced shutdown may wait for it.</source>
        <translation>任务 %1 无法取消；强制关机可能会等待它完成。</translation>
    </message>
    <message>
        <source>The command was refused (%1): %2. Run the diagnosis again before going further.</source>
        <translation>命令被拒绝（%1）：%2。请先再次运行诊断，再继续下一步。</translation>
    </message>
    <message>
        <source>no error code</source>
        <translation>无错误代码</translation>
    </message>
    <message>
        <source>Operation in progress: %1.</source>
        <translation>正在进行的操作：%1。</translation>
    </message>
    <message>
        <source>Expected %1, found %2.</source>
        <translation>预期为 %1，实际为 %2。</translation>
    </message>
    <message>
        <source>Host: %1.</source>
        <translation>主机：%1。</translation>
    </message>
    <message>
        <source>xe said: %1</source>
        <translation>xe 的输出：%1</translation>
    </message>
    <message>
        <source>The command did not return in time. It does not go through a management daemon, so xenstored, a backend or the hypervisor itself is stuck. Run the diagnosis again; if the domain stays, the host needs a power-cycle.</source>
        <translation>命令未能及时返回。它不经过管理守护进程，因此卡住的是 xenstored、某个后端或 hypervisor 本身。请再次运行诊断；如果该域依然存在，就需要强制关闭并重新启动主机电源。</translation>
    </message>
    <message>
        <source>The toolstack restart did not finish in time. Run the diagnosis again: it may still be coming up.</source>
        <translation>toolstack 重启未能及时完成。请再次运行诊断：它可能仍在启动中。</translation>
    </message>
    <message>
        <source>xm did not return in time: xend is wedged. Restart xend (rung 3).</source>
        <translation>xm 未能及时返回：xend 已卡死。请重启 xend（步骤 3）。</translation>
    </message>
    <message>
        <source>The command failed with a message XenRescue does not know: %1. Run the diagnosis again before going further.</source>
        <translation>命令失败，返回了 XenRescue 无法识别的消息：%1。请先再次运行诊断，再继续下一步。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>safe</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>The domain id now belongs to another VM: the VM was restarted or destroyed since the diagnosis, and its old id went to another one. The host checked right before acting, so nothing was done to either VM. The diagnosis runs again; confirm the rung again if it still fits.</source>
        <translation>该域 ID 现在属于另一台虚拟机：自诊断以来，该虚拟机已被重启或销毁，其原来的域 ID 已分配给另一台虚拟机。主机在执行操作之前刚刚做了检查，因此未对这两台虚拟机执行任何操作。诊断将重新运行；如果该步骤仍然适用，请再次确认。</translation>
    </message>
    <message>
        <source>The host has no record of that domain any more (it is gone, or being torn down), so it could not confirm that the domain id is still this VM&apos;s. Nothing was done. The diagnosis runs again.</source>
        <translation>主机上已没有该域的记录（它已消失，或正在被拆除），因此无法确认该域 ID 是否仍属于此虚拟机。未执行任何操作。诊断将重新运行。</translation>
    </message>
    <message>
        <source>xenstore did not answer within 5 s, so the host could not confirm that the domain id is still this VM&apos;s. Nothing was done. A stuck xenstored also blocks xl and new domains: run the diagnosis again; if it stays stuck, the host needs a power-cycle.</source>
        <translation>xenstore 未在 5 秒内响应，因此主机无法确认该域 ID 是否仍属于此虚拟机。未执行任何操作。卡住的 xenstored 还会阻塞 xl 和新域：请再次运行诊断；如果它一直卡住，就需要强制关闭并重新启动主机电源。</translation>
    </message>
    <message>
        <source>Neither the VM&apos;s UUID nor its domain&apos;s name is known, so the host could not check that domain %1 is still this VM right before acting: XenRescue never acts on a bare domain id. Run the diagnosis again.</source>
        <translation>既不知道该虚拟机的 UUID，也不知道其域的名称，因此主机无法在执行操作之前确认域 %1 是否仍是此虚拟机：XenRescue 绝不会仅凭一个域 ID 执行操作。请再次运行诊断。</translation>
    </message>
</context>
<context>
    <name>RescueRun</name>
    <message>
        <source>exit 0 after %1 ms</source>
        <translation>%1 毫秒后退出，状态码 0</translation>
    </message>
    <message>
        <source>exit %1 after %2 ms</source>
        <translation>%2 毫秒后退出，状态码 %1</translation>
    </message>
    <message>
        <source>no answer within the deadline (%1 ms): stopped</source>
        <translation>在时限（%1 毫秒）内无响应：已停止</translation>
    </message>
    <message>
        <source>cancelled after %1 ms</source>
        <translation>%1 毫秒后已取消</translation>
    </message>
    <message>
        <source>the connection was lost</source>
        <translation>连接已断开</translation>
    </message>
    <message>
        <source>not started: %1</source>
        <translation>未启动：%1</translation>
    </message>
    <message>
        <source>left running on the host after %1 ms; no longer watched</source>
        <translation>%1 毫秒后保留在主机上继续运行；不再跟踪</translation>
    </message>
</context>
<context>
    <name>RescueTranscript</name>
    <message>
        <source>info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>diagnosis</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>stdout</source>
        <translation>stdout</translation>
    </message>
    <message>
        <source>stderr</source>
        <translation>stderr</translation>
    </message>
    <message>
        <source>result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>The transcript is full (at most %1 entries and %2 MiB of text are kept): %3 later entries (%4 KiB of text) were left out. The audit log still has every command and how it ended.</source>
        <translation>执行记录已满（最多保留 %1 条记录和 %2 MiB 文本）：已略去之后的 %3 条记录（%4 KiB 文本）。审计日志中仍保存着每条命令及其最终结果。</translation>
    </message>
</context>
<context>
    <name>SshHost</name>
    <message>
        <source>The keychain is switched off for this host: you will be asked each time.</source>
        <translation>此主机未启用系统密钥环：每次连接都会询问您。</translation>
    </message>
    <message>
        <source>%1 Passwords cannot be remembered, so you will be asked each time.</source>
        <translation>%1 无法记住密码，因此每次连接都会询问您。</translation>
    </message>
    <message>
        <source>No such file or folder.</source>
        <translation>文件或文件夹不存在。</translation>
    </message>
    <message>
        <source>Permission denied.</source>
        <translation>权限不足。</translation>
    </message>
    <message>
        <source>End of file.</source>
        <translation>已到文件末尾。</translation>
    </message>
    <message>
        <source>The file server reported an error.</source>
        <translation>文件服务器报告了一个错误。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Could not create an SSH session.</source>
        <translation>无法创建 SSH 会话。</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>The server sent no usable host key.</source>
        <translation>服务器没有发送可用的主机密钥。</translation>
    </message>
    <message>
        <source>The host key of %1 has changed. XenRescue refused to connect: this can mean someone is intercepting the connection. Verify the new key on the host before replacing the old one in %2.</source>
        <translation>%1 的主机密钥已变更。XenRescue 拒绝连接：这可能意味着有人正在截获连接。请先在主机上核实新密钥，再替换 %2 中的旧密钥。</translation>
    </message>
    <message>
        <source>The host key of %1 is not known yet.</source>
        <translation>%1 的主机密钥尚未记录。</translation>
    </message>
    <message>
        <source>Could not check the host key: %1</source>
        <translation>无法检查主机密钥：%1</translation>
    </message>
    <message>
        <source>The host key was not accepted.</source>
        <translation>主机密钥未被接受。</translation>
    </message>
    <message>
        <source>Could not store the host key in %1: %2</source>
        <translation>无法将主机密钥保存到 %1：%2</translation>
    </message>
    <message>
        <source>Authenticating…</source>
        <translation>正在认证…</translation>
    </message>
    <message>
        <source>Authentication failed: %1</source>
        <translation>认证失败：%1</translation>
    </message>
    <message>
        <source>Waiting for credentials…</source>
        <translation>正在等待输入凭据…</translation>
    </message>
    <message>
        <source>Authentication was cancelled.</source>
        <translation>认证已取消。</translation>
    </message>
    <message>
        <source>Passphrase for %1:</source>
        <translation>%1 的口令：</translation>
    </message>
    <message>
        <source>Password for %1:</source>
        <translation>%1 的密码：</translation>
    </message>
    <message>
        <source>Authentication failed: no method was accepted (the server offers: %1).</source>
        <translation>认证失败：没有可被接受的认证方式（服务器提供：%1）。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Could not start the SSH event loop.</source>
        <translation>无法启动 SSH 事件循环。</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <source>%1 stopped answering (no reply to %2 keepalive probes in %3 s).</source>
        <translation>%1 已停止响应（%3 秒内 %2 次保活探测均无回应）。</translation>
    </message>
    <message>
        <source>Disconnected.</source>
        <translation>已断开连接。</translation>
    </message>
    <message>
        <source>The connection to %1 was lost.</source>
        <translation>与 %1 的连接已断开。</translation>
    </message>
    <message>
        <source>Connection lost.</source>
        <translation>连接已断开。</translation>
    </message>
    <message>
        <source>Not connected to %1.</source>
        <translation>未连接到 %1。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>No answer within %1 s; the command was stopped.</source>
        <translation>%1 秒内没有响应；命令已被终止。</translation>
    </message>
    <message>
        <source>Could not open a channel: %1</source>
        <translation>无法打开通道：%1</translation>
    </message>
    <message>
        <source>The server refused a channel: %1</source>
        <translation>服务器拒绝了通道：%1</translation>
    </message>
    <message>
        <source>The server refused to run the command: %1</source>
        <translation>服务器拒绝执行该命令：%1</translation>
    </message>
    <message>
        <source>The command ended without an exit status (killed by a signal?).</source>
        <translation>命令结束时没有返回退出状态（可能被信号终止？）。</translation>
    </message>
    <message>
        <source>Could not start SFTP: %1</source>
        <translation>无法启动 SFTP：%1</translation>
    </message>
    <message>
        <source>The host does not offer SFTP: %1</source>
        <translation>主机不提供 SFTP：%1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>The file read made no progress for %1 s.</source>
        <translation>读取文件已有 %1 秒没有进展。</translation>
    </message>
    <message>
        <source>%1 already exists</source>
        <translation>%1 已存在</translation>
    </message>
    <message>
        <source>Left running on the host: XenRescue stopped watching it (its output is no longer read).</source>
        <translation>已保留在主机上继续运行：XenRescue 已停止跟踪它（不再读取其输出）。</translation>
    </message>
    <message>
        <source>Could not flush %1 to disk: %2</source>
        <translation>无法将 %1 刷写到磁盘：%2</translation>
    </message>
    <message>
        <source>The host&apos;s SFTP server does not offer fsync@openssh.com: %1 was not flushed to disk before it was renamed (the kernel writes it back within about 30 s).</source>
        <translation>主机的 SFTP 服务器不提供 fsync@openssh.com：%1 在重命名之前未刷写到磁盘（内核会在约 30 秒内将其写回磁盘）。</translation>
    </message>
    <message>
        <source>%1 failed (exit status %2): %3</source>
        <translation>%1 失败（退出状态 %2）：%3</translation>
    </message>
    <message>
        <source>%1 is not a regular file; XenRescue does not replace it.</source>
        <translation>%1 不是普通文件；XenRescue 不会替换它。</translation>
    </message>
    <message>
        <source>The folder of %1 could not be flushed to disk after the rename (the kernel writes it back within about 30 s).</source>
        <translation>重命名后，无法将 %1 所在的文件夹刷写到磁盘（内核会在约 30 秒内将其写回磁盘）。</translation>
    </message>
    <message>
        <source>The connection was lost during the write (%1); the file keeps its old content unless the rename had run.</source>
        <translation>写入过程中连接已断开（%1）；除非重命名已经执行，否则该文件仍保留原有内容。</translation>
    </message>
</context>
<context>
    <name>TypedConfirmation</name>
    <message>
        <source>The VM has no name to type.</source>
        <translation>该虚拟机没有可供输入的名称。</translation>
    </message>
    <message>
        <source>xapi&apos;s records for this VM cannot be told apart, so its name proves nothing.</source>
        <translation>xapi 中此虚拟机的记录无法区分，因此其名称不能作为确认依据。</translation>
    </message>
    <message>
        <source>Its name holds characters that cannot be seen or typed (line breaks, control, direction or zero-width characters).</source>
        <translation>其名称包含无法看到或无法输入的字符（换行符、控制字符、文字方向字符或零宽字符）。</translation>
    </message>
    <message>
        <source>Another VM of the pool has the same name.</source>
        <translation>资源池中有另一台虚拟机与它同名。</translation>
    </message>
</context>
<context>
    <name>VmActions</name>
    <message>
        <source>The VM has no valid UUID.</source>
        <translation>该虚拟机没有有效的 UUID。</translation>
    </message>
    <message>
        <source>Unknown action.</source>
        <translation>未知操作。</translation>
    </message>
    <message>
        <source>%1 starts a guest from its configuration file: run &quot;%1 create FILE&quot; on the host.</source>
        <translation>%1 通过配置文件启动虚拟机：请在主机上运行“%1 create FILE”。</translation>
    </message>
    <message>
        <source>The VM has no running domain.</source>
        <translation>该虚拟机没有正在运行的域。</translation>
    </message>
    <message>
        <source>%1 has no forced shutdown or reboot: use Rescue… (it destroys the domain, with a warning).</source>
        <translation>%1 不支持强制关机或强制重启：请使用“救援…”（它会销毁域，并事先发出警告）。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Shut down</source>
        <translation>关机</translation>
    </message>
    <message>
        <source>Force shutdown</source>
        <translation>强制关机</translation>
    </message>
    <message>
        <source>Reboot</source>
        <translation>重启</translation>
    </message>
    <message>
        <source>Force reboot</source>
        <translation>强制重启</translation>
    </message>
    <message>
        <source>The VM is switched off at once, like pulling its power cord: whatever it had not written to disk is lost and its file systems may need a check.</source>
        <translation>虚拟机将立即断电，如同拔掉电源线：所有尚未写入磁盘的数据都会丢失，其文件系统可能需要检查。</translation>
    </message>
    <message>
        <source>The VM is reset at once, like pressing its reset button: whatever it had not written to disk is lost and its file systems may need a check.</source>
        <translation>虚拟机将立即复位，如同按下复位按钮：所有尚未写入磁盘的数据都会丢失，其文件系统可能需要检查。</translation>
    </message>
    <message>
        <source>Neither the VM&apos;s UUID nor its domain&apos;s name is known, so the host could not check that domain %1 is still this VM: XenRescue never acts on a bare domain id.</source>
        <translation>既不知道该虚拟机的 UUID，也不知道其域的名称，因此主机无法确认域 %1 是否仍是此虚拟机：XenRescue 绝不会仅凭一个域 ID 执行操作。</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>List the saved hosts.</source>
        <translation>列出已保存的主机。</translation>
    </message>
    <message>
        <source>No saved hosts (settings file: %1).</source>
        <translation>没有已保存的主机（设置文件：%1）。</translation>
    </message>
    <message>
        <source>List the saved hosts (name, address, authentication).</source>
        <translation>列出已保存的主机（名称、地址、认证方式）。</translation>
    </message>
    <message>
        <source>pool master</source>
        <translation>池主节点</translation>
    </message>
    <message>
        <source>resident host</source>
        <translation>所在主机</translation>
    </message>
    <message>
        <source>out of band</source>
        <translation>带外</translation>
    </message>
    <message>
        <source>Recovery ladder for VM %1 (%2) on %3</source>
        <translation>虚拟机 %1（%2）在 %3 上的恢复步骤阶梯</translation>
    </message>
    <message>
        <source>Situation: %1</source>
        <translation>当前情况：%1</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>applies</source>
        <translation>适用</translation>
    </message>
    <message>
        <source>rung</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>runs on</source>
        <translation>执行位置</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>why not: %1</source>
        <translation>不适用的原因：%1</translation>
    </message>
    <message>
        <source>note: %1</source>
        <translation>注：%1</translation>
    </message>
    <message>
        <source>can be lost: %1</source>
        <translation>可能丢失的内容：%1</translation>
    </message>
    <message>
        <source>check: %1</source>
        <translation>验证：%1</translation>
    </message>
    <message>
        <source>Recommended: %1 %2 (risk: %3).</source>
        <translation>推荐：%1 %2（风险：%3）。</translation>
    </message>
    <message>
        <source>Print the recovery ladder for a described situation (nothing is run). The state is a JSON object as written by the wizard (keys: vmUuid, vmName, xapiHealth, xapiPowerState, domain, pendingTasks, residentHost, toolsPresent, previousAttempts, ...).</source>
        <translation>输出所描述情况下的恢复步骤阶梯（不执行任何命令）。状态是一个 JSON 对象，格式与向导写出的相同（键：vmUuid, vmName, xapiHealth, xapiPowerState, domain, pendingTasks, residentHost, toolsPresent, previousAttempts, ...）。</translation>
    </message>
    <message>
        <source>xenserver, xcp-ng, xcp, xapi-legacy, xapi-modern, xl or xm.</source>
        <translation>xenserver、xcp-ng、xcp、xapi-legacy、xapi-modern、xl 或 xm。</translation>
    </message>
    <message>
        <source>Product version (XenServer &lt;= 6.2 is legacy).</source>
        <translation>产品版本（XenServer &lt;= 6.2 属于旧版）。</translation>
    </message>
    <message>
        <source>The situation as JSON, or - for stdin.</source>
        <translation>以 JSON 描述的情况；用 - 表示标准输入。</translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation>输出 JSON。</translation>
    </message>
    <message>
        <source>xenrescue-cli ladder: --flavour and --state are required.</source>
        <translation>xenrescue-cli ladder：必须指定 --flavour 和 --state。</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Print host output as normalised JSON. KIND is one of: auto, %1.
Exit status 0 when something was read (&quot;partial&quot;: true when only part of it), 2 when nothing usable was found.</source>
        <translation>将主机输出转换为规范化的 JSON 并输出。KIND 为以下之一：auto, %1。
读取到内容时退出状态为 0（只读取到部分内容时带有 &quot;partial&quot;: true），找不到任何可用内容时为 2。</translation>
    </message>
    <message>
        <source>What printed the input.</source>
        <translation>产生该输入的程序。</translation>
    </message>
    <message>
        <source>The file, or - for stdin.</source>
        <translation>文件；用 - 表示标准输入。</translation>
    </message>
    <message>
        <source>One line of JSON.</source>
        <translation>将 JSON 输出为单行。</translation>
    </message>
    <message>
        <source>xenrescue-cli read: expected KIND and FILE (or -).</source>
        <translation>xenrescue-cli read：需要 KIND 和 FILE（或 -）。</translation>
    </message>
    <message>
        <source>cannot tell what printed this input; name the KIND.</source>
        <translation>无法判断该输入是由什么程序产生的；请指定 KIND。</translation>
    </message>
    <message>
        <source>xenrescue-cli read: unknown KIND &quot;%1&quot; (one of: auto, %2).</source>
        <translation>xenrescue-cli read：未知的 KIND“%1”（可选值：auto, %2）。</translation>
    </message>
    <message>
        <source>the error catalogue is missing from this build.</source>
        <translation>此构建中缺少错误目录。</translation>
    </message>
    <message>
        <source>(standard input)</source>
        <translation>（标准输入）</translation>
    </message>
    <message>
        <source>Scan logs or command output for the known errors of the catalogue and print each hit: file, line, entry id and title. Gzip files (rotated logs) are read as they are.
Exit status 0 when every file was scanned (hits or not), 1 when a file could not be read, 2 on a usage error.</source>
        <translation>在日志或命令输出中查找错误目录中的已知错误，并输出每一处匹配：文件、行号、条目 ID 和标题。Gzip 文件（轮转后的日志）无需解压即可直接读取。
所有文件都扫描完毕时（无论是否有匹配）退出状态为 0，有文件无法读取时为 1，用法错误时为 2。</translation>
    </message>
    <message>
        <source>Print a JSON array of {file, line, id, title, risk, text} (titles in English).</source>
        <translation>输出由 {file, line, id, title, risk, text} 组成的 JSON 数组（标题为英文）。</translation>
    </message>
    <message>
        <source>xenrescue-cli scan: expected at least one FILE (or -).</source>
        <translation>xenrescue-cli scan：至少需要一个 FILE（或 -）。</translation>
    </message>
    <message>
        <source>Print host output (xe, xl, xm, list_domains, networking, dom0 memory) as normalised JSON.</source>
        <translation>将主机输出（xe、xl、xm、list_domains、网络、dom0 内存）转换为规范化的 JSON 并输出。</translation>
    </message>
    <message>
        <source>Print the recovery ladder for a described situation.</source>
        <translation>输出所描述情况下的恢复步骤阶梯。</translation>
    </message>
    <message>
        <source>Find the known errors of the catalogue in logs (plain or .gz) and print each hit.</source>
        <translation>在日志（纯文本或 .gz）中查找错误目录中的已知错误，并输出每一处匹配。</translation>
    </message>
    <message>
        <source>Connect to a host, run one poll cycle and print its flavour, version, xapi health and every VM with both views of its state (xapi&apos;s record and the hypervisor&apos;s domain) and where they disagree.</source>
        <translation>连接一台主机，执行一轮轮询，并输出其类型、版本、xapi 健康状况，以及每台虚拟机在两方面的状态（xapi 的记录和 hypervisor 中的域）和二者不一致之处。</translation>
    </message>
    <message>
        <source>[user@]host[:port]; with --demo, a lab host name.</source>
        <translation>[user@]host[:port]；使用 --demo 时为实验主机名称。</translation>
    </message>
    <message>
        <source>Use the simulated lab pool SCENARIO instead of SSH.</source>
        <translation>使用模拟实验资源池场景 SCENARIO，而不是通过 SSH 连接。</translation>
    </message>
    <message>
        <source>Seconds to wait for each xapi command (default 10).</source>
        <translation>每条 xapi 命令的等待秒数（默认 10）。</translation>
    </message>
    <message>
        <source>xenrescue-cli status: give one host ([user@]host[:port]) or --demo SCENARIO.</source>
        <translation>xenrescue-cli status：请指定一台主机（[user@]host[:port]）或 --demo SCENARIO。</translation>
    </message>
    <message>
        <source>xenrescue-cli status: --timeout takes a number of seconds.</source>
        <translation>xenrescue-cli status：--timeout 的值应为秒数。</translation>
    </message>
    <message>
        <source>xenrescue-cli status: unknown scenario &quot;%1&quot; (%2).</source>
        <translation>xenrescue-cli status：未知的场景“%1”（可用场景：%2）。</translation>
    </message>
    <message>
        <source>xenrescue-cli status: the scenario has no host &quot;%1&quot; (%2).</source>
        <translation>xenrescue-cli status：该场景中没有主机“%1”（可用主机：%2）。</translation>
    </message>
    <message>
        <source>xenrescue-cli status: &quot;%1&quot; is not [user@]host[:port].</source>
        <translation>xenrescue-cli status：“%1”不符合 [user@]host[:port] 格式。</translation>
    </message>
    <message>
        <source>xenrescue-cli status: %1: %2</source>
        <translation>xenrescue-cli status：%1：%2</translation>
    </message>
    <message>
        <source>xenrescue-cli status: %1</source>
        <translation>xenrescue-cli status：%1</translation>
    </message>
    <message>
        <source>Warning: the audit log could not be written: %1</source>
        <translation>警告：无法写入审计日志：%1</translation>
    </message>
    <message>
        <source>xenrescue-cli status: no answer in time.</source>
        <translation>xenrescue-cli status：未能及时得到应答。</translation>
    </message>
    <message>
        <source>Host:     %1 (%2)</source>
        <translation>主机：    %1（%2）</translation>
    </message>
    <message>
        <source>Flavour:  %1</source>
        <translation>类型：    %1</translation>
    </message>
    <message>
        <source>Xen:      %1</source>
        <translation>Xen：     %1</translation>
    </message>
    <message>
        <source>Pool:     %1 (master: %2, %3 hosts)</source>
        <translation>资源池：  %1（池主节点：%2，共 %3 台主机）</translation>
    </message>
    <message>
        <source>showing what the hypervisor runs</source>
        <translation>显示的是 hypervisor 中实际运行的内容</translation>
    </message>
    <message>
        <source>xend:     %1</source>
        <translation>xend：    %1</translation>
    </message>
    <message>
        <source>xapi:     %1</source>
        <translation>xapi：    %1</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>UUID</source>
        <translation>UUID</translation>
    </message>
    <message>
        <source>XAPI</source>
        <translation>XAPI</translation>
    </message>
    <message>
        <source>DOMAIN</source>
        <translation>域</translation>
    </message>
    <message>
        <source>HOST</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>PROBLEMS</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>* control domain</source>
        <translation>* 控制域</translation>
    </message>
    <message>
        <source>Connect to a host and print its flavour, xapi health and VMs with both views of their state.</source>
        <translation>连接一台主机，输出其类型、xapi 健康状况，以及各虚拟机在 xapi 和 hypervisor 两方面的状态。</translation>
    </message>
    <message>
        <source>the lab scenario &quot;%1&quot; has no host &quot;%2&quot;.</source>
        <translation>实验场景“%1”中没有主机“%2”。</translation>
    </message>
    <message>
        <source>the host key of %1 has CHANGED (%2); not connecting.</source>
        <translation>%1 的主机密钥已更改（%2）；不予连接。</translation>
    </message>
    <message>
        <source>the host key of %1 is not known (%2): accept it once in the XenRescue window or add it to ~/.ssh/known_hosts.</source>
        <translation>%1 的主机密钥未知（%2）：请在 XenRescue 窗口中接受一次，或将其添加到 ~/.ssh/known_hosts。</translation>
    </message>
    <message>
        <source>%1 needs a password or passphrase: use ssh-agent, a key, or store it in the keychain from the XenRescue window.</source>
        <translation>%1 需要密码或密钥口令：请使用 ssh-agent 或密钥，或在 XenRescue 窗口中将其保存到系统密钥环。</translation>
    </message>
    <message>
        <source>no connection in 60 s.</source>
        <translation>60 秒内未建立连接。</translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <translation>无法连接 %1：%2</translation>
    </message>
    <message>
        <source>xenrescue-cli scan: %1 has no usable grep; copying %2 to scan it here.</source>
        <translation>xenrescue-cli scan：%1 上没有可用的 grep；正在复制 %2 以在本地扫描。</translation>
    </message>
    <message>
        <source>Files to scan (.gz too), - for stdin, or [user@]host:/path for a log on a host (only the lines the host&apos;s grep keeps are sent).</source>
        <translation>要扫描的文件（也支持 .gz），- 表示标准输入，[user@]host:/path 表示主机上的日志（只传送主机上 grep 筛选出的行）。</translation>
    </message>
    <message>
        <source>host:/path names a host of the simulated lab pool SCENARIO.</source>
        <translation>host:/path 指模拟实验资源池 SCENARIO 中的主机。</translation>
    </message>
    <message>
        <source>xenrescue-cli plan: no VM &quot;%1&quot; on %2.</source>
        <translation>xenrescue-cli plan：%2 上没有虚拟机“%1”。</translation>
    </message>
    <message>
        <source>xenrescue-cli plan: &quot;%1&quot; names several VMs on %2: give its UUID.</source>
        <translation>xenrescue-cli plan：%2 上有多台虚拟机名为“%1”：请指定其 UUID。</translation>
    </message>
    <message>
        <source>xenrescue-cli plan: the diagnosis failed: %1</source>
        <translation>xenrescue-cli plan：诊断失败：%1</translation>
    </message>
    <message>
        <source>Connect to a host, diagnose one VM afresh (both views of its state, pending tasks, xapi health) and print its recovery ladder: every rung with its risk, whether it applies now and why not, the exact commands and where they run. A dry run: only reads are sent, nothing is changed.</source>
        <translation>连接到主机，重新诊断一台虚拟机（其状态的两种视图、待处理任务、xapi 健康状况），并输出其恢复步骤阶梯：每个步骤的风险、当前是否适用及不适用的原因、确切的命令及其运行位置。这是一次演练（dry run）：只发送读取操作，不做任何更改。</translation>
    </message>
    <message>
        <source>The VM: its name, UUID or domain id.</source>
        <translation>虚拟机：名称、UUID 或域 ID。</translation>
    </message>
    <message>
        <source>xenrescue-cli plan: give a host ([user@]host[:port]) and a VM, or --demo SCENARIO [HOST] VM.</source>
        <translation>xenrescue-cli plan：请指定一台主机（[user@]host[:port]）和一台虚拟机，或使用 --demo SCENARIO [HOST] VM。</translation>
    </message>
    <message>
        <source>Diagnose one VM live and print its recovery ladder (dry run: nothing is changed).</source>
        <translation>实时诊断一台虚拟机并输出其恢复步骤阶梯（演练：不做任何更改）。</translation>
    </message>
    <message>
        <source>Connect to a host and print its network topology (NICs, bridges, VM interfaces) and the checks&apos; findings.</source>
        <translation>连接到主机并输出其网络拓扑（网卡、网桥、虚拟机网卡）以及检查结果。</translation>
    </message>
    <message>
        <source>Connect to a host and print its memory, dom0&apos;s memory settings and advice.</source>
        <translation>连接到主机并输出其内存、dom0 内存设置及建议。</translation>
    </message>
    <message>
        <source>xenrescue-cli scan: %1&apos;s grep kept more than %2 MiB of candidate lines of %3 (the rest was cut); copying the file to scan it here instead.</source>
        <translation>xenrescue-cli scan：%1 上的 grep 从 %3 中筛选出的候选行超过 %2 MiB（其余部分已被截断）；改为复制该文件，在本地扫描。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>XenRescue: find out why a Xen virtual machine hangs and recover it safely over SSH.</source>
        <translation>XenRescue：通过 SSH 找出 Xen 虚拟机无响应的原因，并安全地恢复它。</translation>
    </message>
    <message>
        <source>Do not connect to the hosts marked &quot;connect on start&quot;.</source>
        <translation>不自动连接标记为“启动时连接”的主机。</translation>
    </message>
    <message>
        <source>
Qt options such as -platform and -style are accepted too.
</source>
        <translation>
也可以使用 -platform、-style 等 Qt 选项。
</translation>
    </message>
    <message>
        <source>Practise on a simulated lab pool inside XenRescue (no network, nothing saved). An optional SCENARIO follows: %1. Without saved hosts XenRescue starts this way anyway.</source>
        <translation>在 XenRescue 内部的模拟实验资源池上练习（不联网，不保存任何内容）。后面可以跟一个场景名 SCENARIO：%1。没有已保存的主机时，XenRescue 也会以这种方式启动。</translation>
    </message>
</context>
<context>
    <name>xr</name>
    <message>
        <source>xenrescue-cli %1: unknown scenario &quot;%2&quot; (%3).</source>
        <translation>xenrescue-cli %1：未知场景“%2”（%3）。</translation>
    </message>
    <message>
        <source>xenrescue-cli %1: the scenario has no host &quot;%2&quot; (%3).</source>
        <translation>xenrescue-cli %1：该场景中没有主机“%2”（%3）。</translation>
    </message>
    <message>
        <source>xenrescue-cli %1: &quot;%2&quot; is not [user@]host[:port].</source>
        <translation>xenrescue-cli %1：“%2”不是 [user@]host[:port] 格式。</translation>
    </message>
    <message>
        <source>xenrescue-cli %1: %2: %3</source>
        <translation>xenrescue-cli %1：%2：%3</translation>
    </message>
    <message>
        <source>xenrescue-cli %1: %2</source>
        <translation>xenrescue-cli %1：%2</translation>
    </message>
    <message>
        <source>xenrescue-cli %1: no answer in time.</source>
        <translation>xenrescue-cli %1：未及时响应。</translation>
    </message>
    <message>
        <source>[user@]host[:port]; with --demo, a lab host name.</source>
        <translation>[user@]host[:port]；使用 --demo 时为实验主机名。</translation>
    </message>
    <message>
        <source>Use the simulated lab pool SCENARIO instead of SSH.</source>
        <translation>使用模拟实验资源池 SCENARIO，而不是 SSH。</translation>
    </message>
    <message>
        <source>Seconds to wait for each command (default 15).</source>
        <translation>每条命令的等待秒数（默认 15）。</translation>
    </message>
    <message>
        <source>xenrescue-cli %1: give one host ([user@]host[:port]) or --demo SCENARIO.</source>
        <translation>xenrescue-cli %1：请指定一台主机（[user@]host[:port]）或 --demo SCENARIO。</translation>
    </message>
    <message>
        <source>xenrescue-cli %1: --timeout takes a number of seconds.</source>
        <translation>xenrescue-cli %1：--timeout 需要一个秒数。</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>Print the topology as JSON (nodes, edges, findings).</source>
        <translation>以 JSON 格式输出拓扑（节点、连线、检查结果）。</translation>
    </message>
    <message>
        <source>Print the topology as a Graphviz graph.</source>
        <translation>以 Graphviz 图格式输出拓扑。</translation>
    </message>
    <message>
        <source>Connect to a host and print its network as the Network tab draws it: physical NICs, bridges, the VMs&apos; interfaces and the VMs, with the checks&apos; findings.</source>
        <translation>连接到主机，并按“网络”选项卡的绘制方式输出其网络：物理网卡、网桥、虚拟机网卡及虚拟机，以及检查结果。</translation>
    </message>
    <message>
        <source>xenrescue-cli network: choose --json or --dot, not both.</source>
        <translation>xenrescue-cli network：--json 和 --dot 只能选择其一。</translation>
    </message>
    <message>
        <source>Network of %1 (%2)</source>
        <translation>%1 的网络（%2）</translation>
    </message>
    <message>
        <source>Bridge %1</source>
        <translation>网桥 %1</translation>
    </message>
    <message>
        <source>uplink %1 %2</source>
        <translation>上行链路 %1 %2</translation>
    </message>
    <message>
        <source>%1 -&gt; %2 %3</source>
        <translation>%1 -&gt; %2 %3</translation>
    </message>
    <message>
        <source>No problems found by the network checks.</source>
        <translation>网络检查未发现问题。</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation>输出 JSON。</translation>
    </message>
    <message>
        <source>Connect to a host and print its memory: total, free, Xen, dom0 and each VM, dom0&apos;s boot and ballooning settings, and advice with its reasons.</source>
        <translation>连接到主机并输出其内存：总量、空闲、Xen、dom0 及各虚拟机的内存，dom0 的启动参数和内存气球（ballooning）设置，以及建议及其理由。</translation>
    </message>
    <message>
        <source>Memory of %1 (%2)</source>
        <translation>%1 的内存（%2）</translation>
    </message>
    <message>
        <source>Total:    %1</source>
        <translation>总量:     %1</translation>
    </message>
    <message>
        <source>Free:     %1</source>
        <translation>空闲:     %1</translation>
    </message>
    <message>
        <source>Xen:      %1</source>
        <translation>Xen:      %1</translation>
    </message>
    <message>
        <source>dom0:     %1</source>
        <translation>dom0:     %1</translation>
    </message>
    <message>
        <source>dom0_mem: %1</source>
        <translation>dom0_mem: %1</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>autoballoon (xl.conf): %1</source>
        <translation>autoballoon (xl.conf): %1</translation>
    </message>
    <message>
        <source>dom0-min-mem (xend-config.sxp): %1</source>
        <translation>dom0-min-mem (xend-config.sxp): %1</translation>
    </message>
    <message>
        <source>enable-dom0-ballooning: %1</source>
        <translation>enable-dom0-ballooning: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>Warning: the audit log could not be written: %1</source>
        <translation>警告：无法写入审计日志：%1</translation>
    </message>
    <message>
        <source>The pool reports the address &quot;%1&quot; for a member: %2 XenRescue connects only to IP addresses and host names (letters, digits, dots and hyphens).</source>
        <translation>资源池报告某台成员主机的地址为“%1”：%2 XenRescue 只连接 IP 地址和主机名（字母、数字、点和连字符）。</translation>
    </message>
</context>
<context>
    <name>xr::AuditHistoryModel</name>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>exit 0</source>
        <translation>退出码 0</translation>
    </message>
    <message>
        <source>exit %1</source>
        <translation>退出码 %1</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>连接断开</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未启动</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>虚拟机</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>abandoned</source>
        <translation>已停止跟踪</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>xr::ChangedHostKeyDialog</name>
    <message>
        <source>%1 offered a different host key than the one on record. XenRescue did not connect.</source>
        <translation>%1 提供的主机密钥与记录中的不同。XenRescue 没有建立连接。</translation>
    </message>
    <message>
        <source>Someone may be intercepting the connection (a man-in-the-middle attack) to capture your password or to run commands as you. The key also changes for harmless reasons: the host was reinstalled, its SSH keys were regenerated, or its address now belongs to another machine. Do not go on until you know which.</source>
        <translation>可能有人正在截获这个连接（中间人攻击），企图窃取您的密码或以您的身份执行命令。密钥变化也可能出于无害的原因：主机被重装、SSH 密钥被重新生成，或者该地址现在属于另一台机器。在弄清原因之前请不要继续。</translation>
    </message>
    <message>
        <source>SHA256 fingerprint now offered</source>
        <translation>当前提供的 SHA256 指纹</translation>
    </message>
    <message>
        <source>1. Check the new key on the host&apos;s own console (not over the network): run this and compare the SHA256 value with the one above.</source>
        <translation>1. 在主机本地控制台上（不要通过网络）检查新密钥：运行以下命令，并将输出的 SHA256 值与上面的指纹对比。</translation>
    </message>
    <message>
        <source>Command to print the fingerprint on the host</source>
        <translation>在主机上显示指纹的命令</translation>
    </message>
    <message>
        <source>2. Only if they match, remove the old entry from the known_hosts file and connect again; XenRescue will then ask about the new key:</source>
        <translation>2. 只有两者一致时，才从 known_hosts 文件中删除旧条目并重新连接；XenRescue 随后会询问是否信任新密钥：</translation>
    </message>
    <message>
        <source>Command to remove the old key</source>
        <translation>删除旧密钥的命令</translation>
    </message>
    <message>
        <source>&amp;Copy Command</source>
        <translation>复制命令(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the command that removes the old entry</source>
        <translation>复制删除旧条目的命令</translation>
    </message>
</context>
<context>
    <name>xr::CommandGateway</name>
    <message>
        <source>The host is no longer known.</source>
        <translation>该主机已不在已知主机列表中。</translation>
    </message>
    <message>
        <source>Nothing was sent: %1</source>
        <translation>未发送任何内容：%1</translation>
    </message>
</context>
<context>
    <name>xr::ConnectDialog</name>
    <message>
        <source>Automatic (agent, then key files, then password)</source>
        <translation>自动（依次尝试 agent、密钥文件、密码）</translation>
    </message>
    <message>
        <source>SSH agent</source>
        <translation>SSH agent</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>密钥文件</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Keyboard-interactive</source>
        <translation>键盘交互式（keyboard-interactive）</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>Browse for a key file</source>
        <translation>浏览密钥文件</translation>
    </message>
    <message>
        <source>Tries the SSH agent, then this key file (or the usual ones in ~/.ssh), then asks for a password.</source>
        <translation>先尝试 SSH agent，再尝试此密钥文件（或 ~/.ssh 中的常用密钥），最后询问密码。</translation>
    </message>
    <message>
        <source>Uses the keys loaded in ssh-agent (Pageant on Windows).</source>
        <translation>使用 ssh-agent（Windows 上为 Pageant）中已加载的密钥。</translation>
    </message>
    <message>
        <source>Uses this private key; you are asked for its passphrase if it has one.</source>
        <translation>使用此私钥；如果私钥设有口令，会询问您。</translation>
    </message>
    <message>
        <source>You are asked for the password when the host wants it.</source>
        <translation>主机要求时会询问您密码。</translation>
    </message>
    <message>
        <source>Every question the host asks (password, one-time code) is shown to you.</source>
        <translation>主机提出的每个问题（密码、一次性验证码）都会显示给您。</translation>
    </message>
    <message>
        <source>Choose a Private Key</source>
        <translation>选择私钥</translation>
    </message>
    <message>
        <source>Private keys (id_* *.pem *.key)</source>
        <translation>私钥 (id_* *.pem *.key)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>xr::CredentialDialog</name>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation>%1 的密码</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Key Passphrase</source>
        <translation>私钥口令</translation>
    </message>
    <message>
        <source>Passphrase for the key %1 (to connect to %2)</source>
        <translation>私钥 %1 的口令（用于连接 %2）</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <source>Host Question</source>
        <translation>主机提问</translation>
    </message>
    <message>
        <source>%1 asks:</source>
        <translation>%1 询问：</translation>
    </message>
    <message>
        <source>%1 asks (%2):</source>
        <translation>%1 询问（%2）：</translation>
    </message>
    <message>
        <source>The last passphrase did not unlock the key. Please type it again.</source>
        <translation>上次输入的口令无法解锁该私钥。请重新输入。</translation>
    </message>
    <message>
        <source>The host refused the last answer. Please check it and try again.</source>
        <translation>主机拒绝了上次的回答。请检查后重试。</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>继续(&amp;C)</translation>
    </message>
</context>
<context>
    <name>xr::DemoSession</name>
    <message>
        <source>A hung VM in a two-host pool</source>
        <translation>双主机资源池中挂起假死的虚拟机</translation>
    </message>
    <message>
        <source>A stuck task blocks force shutdown</source>
        <translation>卡住的任务阻止强制关机</translation>
    </message>
    <message>
        <source>xapi no longer answers</source>
        <translation>xapi 不再响应</translation>
    </message>
    <message>
        <source>A domain that will not go away</source>
        <translation>销毁不掉的域</translation>
    </message>
    <message>
        <source>xapi and the hypervisor disagree</source>
        <translation>xapi 与 hypervisor 的状态不一致</translation>
    </message>
    <message>
        <source>A guest that only dies after an NMI</source>
        <translation>只有发送 NMI 后才会停止的虚拟机</translation>
    </message>
    <message>
        <source>A dead pool member</source>
        <translation>失效的成员主机</translation>
    </message>
    <message>
        <source>A hung VM on XenServer 6.2</source>
        <translation>XenServer 6.2 上挂起假死的虚拟机</translation>
    </message>
    <message>
        <source>Plain Xen with xl</source>
        <translation>使用 xl 的纯 Xen</translation>
    </message>
    <message>
        <source>Legacy Xen with xm</source>
        <translation>使用 xm 的旧版 Xen</translation>
    </message>
    <message>
        <source>VMs with hostile names</source>
        <translation>名称含恶意字符的虚拟机</translation>
    </message>
    <message>
        <source>Two XCP-ng 8.2 hosts. The VM db-01 ignores shutdown, and a stuck clean-shutdown task blocks forcing it.</source>
        <translation>两台 XCP-ng 8.2 主机。虚拟机 db-01 不响应关机，一个卡住的正常关机任务阻止了强制关机。</translation>
    </message>
    <message>
        <source>One XCP-ng host. app-server ignores a clean shutdown, and its pending task blocks a forced shutdown until the task is cancelled.</source>
        <translation>一台 XCP-ng 主机。app-server 不响应正常关机，它未完成的任务会阻止强制关机，直到取消该任务。</translation>
    </message>
    <message>
        <source>One XCP-ng host whose toolstack hangs: every xe command waits until the toolstack is restarted.</source>
        <translation>一台 toolstack 卡死的 XCP-ng 主机：每条 xe 命令都会一直等待，直到重启 toolstack（管理工具栈）。</translation>
    </message>
    <message>
        <source>One XCP-ng host. Destroying file-server leaves a dying (null) domain that a tapdisk holds.</source>
        <translation>一台 XCP-ng 主机。销毁 file-server 后会留下一个正在销毁、被 tapdisk 占用的 (null) 域。</translation>
    </message>
    <message>
        <source>One XCP-ng host. xapi says ghost-vm is running, but the hypervisor has no domain for it.</source>
        <translation>一台 XCP-ng 主机。xapi 显示 ghost-vm 运行中，但 hypervisor 中没有它的域。</translation>
    </message>
    <message>
        <source>One XCP-ng host. win-app ignores every shutdown and only dies after a crash (NMI).</source>
        <translation>一台 XCP-ng 主机。win-app 不响应任何关机，只有强制虚拟机进入崩溃状态（NMI）后才会停止。</translation>
    </message>
    <message>
        <source>Two XCP-ng hosts; the member is dead and cannot be reached, and its VM mail-01 still shows as running.</source>
        <translation>两台 XCP-ng 主机；成员主机已失效且无法连接，其上的虚拟机 mail-01 仍显示为运行中。</translation>
    </message>
    <message>
        <source>One XenServer 6.2 host with a hung VM and the legacy tools (xenops destroy_domain, crash_guest).</source>
        <translation>一台 XenServer 6.2 主机，有一台挂起假死的虚拟机，并带有旧版工具（xenops destroy_domain、crash_guest）。</translation>
    </message>
    <message>
        <source>Plain Xen 4.17 with the xl toolstack and no xapi; the guest web ignores xl shutdown.</source>
        <translation>使用 xl 工具栈、没有 xapi 的纯 Xen 4.17；虚拟机 web 不响应 xl shutdown。</translation>
    </message>
    <message>
        <source>Legacy Xen 4.1 with xm and xend; the guest legacy-app ignores xm shutdown.</source>
        <translation>使用 xm 和 xend 的旧版 Xen 4.1；虚拟机 legacy-app 不响应 xm shutdown。</translation>
    </message>
    <message>
        <source>One XCP-ng host whose VM names hold quotes, $(), semicolons, new lines and non-ASCII text.</source>
        <translation>一台 XCP-ng 主机，其虚拟机名称包含引号、$()、分号、换行和非 ASCII 文字。</translation>
    </message>
    <message>
        <source>Unknown practice scenario &quot;%1&quot;. Scenarios: %2.</source>
        <translation>未知的练习场景“%1”。可用场景：%2。</translation>
    </message>
    <message>
        <source>Unknown practice scenario &quot;%1&quot;.</source>
        <translation>未知的练习场景“%1”。</translation>
    </message>
    <message>
        <source>The lab pool could not be prepared: %1</source>
        <translation>无法准备实验资源池：%1</translation>
    </message>
    <message>
        <source>lab host %1</source>
        <translation>实验主机 %1</translation>
    </message>
    <message>
        <source>Bridging mistakes</source>
        <translation>网桥配置错误</translation>
    </message>
    <message>
        <source>dom0 memory left to ballooning</source>
        <translation>dom0 内存交由内存气球（ballooning）管理</translation>
    </message>
    <message>
        <source>Plain Xen 4.17 (xl) host that trips every network check: a VM on a bridge with no uplink, an empty bridge, anti-spoofing rules that bridged traffic bypasses, a vifname longer than 15 characters, a guest without a fixed MAC. See the Network tab.</source>
        <translation>一台纯 Xen 4.17（xl）主机，会触发所有网络检查：一台虚拟机位于没有上行链路的网桥上、一个空网桥、被桥接流量绕过的防欺骗规则、一个超过 15 个字符的 vifname、一台没有固定 MAC 地址的虚拟机。请查看“网络”选项卡。</translation>
    </message>
    <message>
        <source>Legacy Xen 4.1 (xm) host with no dom0_mem on the boot line and dom0 ballooning on. See the Memory tab, and try Change dom0 Memory.</source>
        <translation>一台旧版 Xen 4.1（xm）主机，启动行中没有 dom0_mem，且启用了 dom0 内存气球。请查看“内存”选项卡，并试用“更改 dom0 内存”。</translation>
    </message>
    <message>
        <source>A VM name that forges another VM</source>
        <translation>伪造另一台虚拟机的虚拟机名称</translation>
    </message>
    <message>
        <source>A VM whose name prints a second, halted record with db-01&apos;s UUID, and two VMs both named &quot;app&quot;: XenRescue flags what it cannot tell apart, offers no action on it, and asks for the UUID where a name is not unique.</source>
        <translation>一台虚拟机的名称会输出第二条带有 db-01 的 UUID 的已关机记录，另有两台虚拟机都名为“app”：XenRescue 会标记出它无法区分的内容，不对其提供任何操作，并在名称不唯一时要求输入 UUID。</translation>
    </message>
</context>
<context>
    <name>xr::Dom0Mem</name>
    <message>
        <source>dom0_mem has no value.</source>
        <translation>dom0_mem 没有值。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; in dom0_mem=%2 is not a memory size.</source>
        <translation>dom0_mem=%2 中的“%1”不是有效的内存大小。</translation>
    </message>
    <message>
        <source>The hypervisor command line has no dom0_mem.</source>
        <translation>hypervisor 命令行中没有 dom0_mem。</translation>
    </message>
</context>
<context>
    <name>xr::Dom0MemChange</name>
    <message>
        <source>The host is not connected; nothing more was changed.</source>
        <translation>主机未连接；未再做任何更改。</translation>
    </message>
    <message>
        <source>Checking that %1 is in maintenance mode: %2</source>
        <translation>正在检查 %1 是否处于维护模式：%2</translation>
    </message>
    <message>
        <source>Could not read whether the host is enabled (%1); nothing was changed.</source>
        <translation>无法读取主机是否已启用（%1）；未做任何更改。</translation>
    </message>
    <message>
        <source>%1 is not in maintenance mode (enabled: %2). Migrate its VMs away and disable the host first (xe host-disable, or Enter Maintenance Mode in XenCenter); nothing was changed.</source>
        <translation>%1 未处于维护模式（enabled：%2）。请先将其上的虚拟机迁移走并禁用该主机（xe host-disable，或在 XenCenter 中选择“进入维护模式”）；未做任何更改。</translation>
    </message>
    <message>
        <source>The host is disabled (maintenance mode).</source>
        <translation>主机已禁用（维护模式）。</translation>
    </message>
    <message>
        <source>Could not read %1 again (%2); nothing was changed.</source>
        <translation>无法再次读取 %1（%2）；未做任何更改。</translation>
    </message>
    <message>
        <source>%1 changed since the preview was made; nothing was changed. Open the dialog again.</source>
        <translation>%1 在生成预览后已发生变化；未做任何更改。请重新打开该对话框。</translation>
    </message>
    <message>
        <source>Backing up %1 to %2</source>
        <translation>正在将 %1 备份到 %2</translation>
    </message>
    <message>
        <source>Writing %1</source>
        <translation>正在写入 %1</translation>
    </message>
    <message>
        <source>Running %1</source>
        <translation>正在运行 %1</translation>
    </message>
    <message>
        <source>%1 failed (exit status %2): %3</source>
        <translation>%1 失败（退出状态 %2）：%3</translation>
    </message>
    <message>
        <source>dom0&apos;s memory will be %1 MiB after the next reboot of %2. Reboot the host when its VMs are moved or shut down.</source>
        <translation>%2 下次重启后，dom0 的内存将为 %1 MiB。请在其虚拟机迁移走或关机后重启该主机。</translation>
    </message>
    <message>
        <source>%1 does not read back as written; compare it with its backup %2.</source>
        <translation>%1 读回的内容与写入的不一致；请将其与备份 %2 进行比较。</translation>
    </message>
    <message>
        <source>%1 reads back as written.</source>
        <translation>%1 读回的内容与写入的一致。</translation>
    </message>
    <message>
        <source>Stopped by the admin. The steps above were done; each changed file has its backup beside it.</source>
        <translation>已被管理员停止。上方的步骤已经完成；每个已更改的文件旁边都有其备份。</translation>
    </message>
    <message>
        <source>%1 MiB is below the smallest dom0 XenRescue offers on %2 (%3 MiB): %4 Nothing was changed.</source>
        <translation>%1 MiB 低于 XenRescue 在 %2 上提供的最小 dom0 内存（%3 MiB）：%4 未做任何更改。</translation>
    </message>
    <message>
        <source>%1 was not written: %2</source>
        <translation>未写入 %1：%2</translation>
    </message>
    <message>
        <source>Writing %1 failed: %2. %1 still holds its content from before this step (it is replaced in one rename); files written before this step are listed above; their backups are kept.</source>
        <translation>写入 %1 失败：%2。%1 仍保留此步骤之前的内容（它通过一次重命名整体替换）；此步骤之前已写入的文件列在上方；其备份均已保留。</translation>
    </message>
    <message>
        <source>%1 was not run: %2</source>
        <translation>未运行 %1：%2</translation>
    </message>
    <message>
        <source>Reading back: %1</source>
        <translation>正在读回：%1</translation>
    </message>
    <message>
        <source>Could not read back the boot configuration (%1); check it with xen-cmdline --get-xen dom0_mem before rebooting.</source>
        <translation>无法读回启动配置（%1）；重启之前，请使用 xen-cmdline --get-xen dom0_mem 检查。</translation>
    </message>
    <message>
        <source>%1 Do not reboot before it is checked; the boot configuration&apos;s backup is %2.</source>
        <translation>%1 检查之前请勿重启；启动配置的备份为 %2。</translation>
    </message>
    <message>
        <source>not there</source>
        <translation>不存在</translation>
    </message>
    <message>
        <source>xen-cmdline --get-xen reads back dom0_mem=%1.</source>
        <translation>xen-cmdline --get-xen 读回的值为 dom0_mem=%1。</translation>
    </message>
</context>
<context>
    <name>xr::Dom0MemDialog</name>
    <message>
        <source>&amp;Apply Change</source>
        <translation>应用更改(&amp;A)</translation>
    </message>
    <message>
        <source>Change dom0 Memory on %1</source>
        <translation>更改 %1 上的 dom0 内存</translation>
    </message>
    <message>
        <source>dom0&apos;s memory is set when the host boots. XenRescue backs up every file it changes (FILE.xenrescue-%1), changes only the lines shown below, and records each step in the audit log. &lt;b&gt;The new size applies after the host reboots.&lt;/b&gt;</source>
        <translation>dom0 的内存在主机启动时设定。XenRescue 会备份它更改的每个文件（FILE.xenrescue-%1），只更改下方显示的行，并将每个步骤记录到审计日志中。&lt;b&gt;新的内存大小在主机重启后生效。&lt;/b&gt;</translation>
    </message>
    <message>
        <source>On XenServer and XCP-ng the host must be in &lt;b&gt;maintenance mode&lt;/b&gt; first (disabled, its VMs moved away): XenRescue checks with xe host-param-get and refuses otherwise.</source>
        <translation>在 XenServer 和 XCP-ng 上，主机必须先进入&lt;b&gt;维护模式&lt;/b&gt;（已禁用，其虚拟机已迁移走）：XenRescue 会使用 xe host-param-get 进行检查，否则拒绝执行。</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>New dom0 memory in MiB</source>
        <translation>新的 dom0 内存（MiB）</translation>
    </message>
    <message>
        <source>New dom0 &amp;memory:</source>
        <translation>新的 dom0 内存(&amp;M)：</translation>
    </message>
    <message>
        <source>What will be done (&amp;preview):</source>
        <translation>将要执行的操作（预览）(&amp;P)：</translation>
    </message>
    <message>
        <source>Commands, file edits and diff</source>
        <translation>命令、文件编辑和差异</translation>
    </message>
    <message>
        <source>Type the host name &lt;b&gt;%1&lt;/b&gt; to confirm:</source>
        <translation>输入主机名 &lt;b&gt;%1&lt;/b&gt; 以确认：</translation>
    </message>
    <message>
        <source>Host name to confirm</source>
        <translation>用于确认的主机名</translation>
    </message>
    <message>
        <source>%1 could not be read, so XenRescue cannot change it.</source>
        <translation>无法读取 %1，因此 XenRescue 无法更改它。</translation>
    </message>
    <message>
        <source>%1 could not be read.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source># On %1:</source>
        <translation># 在 %1 上：</translation>
    </message>
    <message>
        <source># first: %1 must print false (maintenance mode)</source>
        <translation># 首先：%1 必须输出 false（维护模式）</translation>
    </message>
    <message>
        <source># expected change made by xen-cmdline:</source>
        <translation># xen-cmdline 预期做出的更改：</translation>
    </message>
    <message>
        <source># Nothing to change: the files already say this.</source>
        <translation># 无需更改：文件中已是此设置。</translation>
    </message>
    <message>
        <source># Then reboot %1 for the new size to apply.</source>
        <translation># 然后重启 %1，使新的内存大小生效。</translation>
    </message>
    <message>
        <source># Applying…</source>
        <translation># 正在应用…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Done.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;已完成。&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not done.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;未完成。&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>The dom0 memory change of %1 is still running. Stopping it half-way can leave its files changed and the boot configuration not yet updated.</source>
        <translation>%1 上的 dom0 内存更改仍在进行中。中途停止可能导致其文件已被更改，而启动配置尚未更新。</translation>
    </message>
    <message>
        <source>Wait: the dialog closes once the change has finished.
Stop: the step in flight is stopped and no further step runs.
Keep it running: the change goes on without this dialog; the audit log and History show how it ended.</source>
        <translation>等待：更改完成后，对话框将关闭。
停止：停止正在执行的步骤，不再执行后续步骤。
保持运行：更改在没有此对话框的情况下继续进行；审计日志和“历史”中会显示其最终结果。</translation>
    </message>
    <message>
        <source>&amp;Wait</source>
        <translation>等待(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Keep It Running</source>
        <translation>保持运行(&amp;K)</translation>
    </message>
</context>
<context>
    <name>xr::Dom0MemPlan</name>
    <message>
        <source># back up %1 to %2</source>
        <translation># 将 %1 备份到 %2</translation>
    </message>
    <message>
        <source># back up %1 to %2, then write the new version</source>
        <translation># 将 %1 备份到 %2，然后写入新版本</translation>
    </message>
    <message>
        <source>#   add line %1: %2</source>
        <translation>#   添加第 %1 行：%2</translation>
    </message>
    <message>
        <source>#   line %1: %2</source>
        <translation>#   第 %1 行：%2</translation>
    </message>
    <message>
        <source>dom0 needs at least 256 MiB.</source>
        <translation>dom0 至少需要 256 MiB。</translation>
    </message>
    <message>
        <source>%1 MiB would leave too little for the guests: at most %2 MiB on this host.</source>
        <translation>%1 MiB 会使留给虚拟机的内存过少：此主机上最多为 %2 MiB。</translation>
    </message>
    <message>
        <source>Line %1 of %2 has no closing quote; XenRescue does not edit it.</source>
        <translation>%2 的第 %1 行缺少右引号；XenRescue 不会编辑该行。</translation>
    </message>
    <message>
        <source>%1 has no Xen boot line to change.</source>
        <translation>%1 中没有可更改的 Xen 启动行。</translation>
    </message>
    <message>
        <source># smallest size offered: %1 MiB. %2</source>
        <translation># 提供的最小内存：%1 MiB。%2</translation>
    </message>
    <message>
        <source>XCP-ng documents 2 GiB as the least dom0 needs (4 GiB on hosts with less than 128 GiB of RAM, 8 GiB from 128 GiB); below it xapi, the storage and network daemons and the oom-killer fight over dom0&apos;s memory.</source>
        <translation>XCP-ng 文档规定 dom0 至少需要 2 GiB（内存少于 128 GiB 的主机为 4 GiB，128 GiB 及以上为 8 GiB）；低于此值时，xapi、存储和网络守护进程以及 oom-killer 会争抢 dom0 的内存。</translation>
    </message>
    <message>
        <source>XenServer gives dom0 1 GiB plus 5 % of the host&apos;s RAM at install; below 1 GiB its toolstack (xapi, xenopsd, squeezed, the storage managers) does not run reliably.</source>
        <translation>XenServer 在安装时为 dom0 分配 1 GiB 加上主机内存的 5%；低于 1 GiB 时，其 toolstack（xapi、xenopsd、squeezed、存储管理器）无法可靠运行。</translation>
    </message>
    <message>
        <source>Plain Xen sets no vendor floor; below 256 MiB dom0&apos;s kernel and toolstack do not fit.</source>
        <translation>纯 Xen 没有厂商规定的下限；低于 256 MiB 时，dom0 的内核和 toolstack 无法容纳。</translation>
    </message>
    <message>
        <source>dom0 needs at least %1 MiB here: %2</source>
        <translation>dom0 在此至少需要 %1 MiB：%2</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>xen-cmdline --get-xen dom0_mem printed %1, not %2: the boot configuration does not say what was set.</source>
        <translation>xen-cmdline --get-xen dom0_mem 的输出为 %1，而不是 %2：启动配置显示的并不是所设置的值。</translation>
    </message>
</context>
<context>
    <name>xr::DomainListParser</name>
    <message>
        <source>More than %1 domains: this is not a real listing; the rest was not read.</source>
        <translation>域超过 %1 个：这不是真实的列表；其余部分未读取。</translation>
    </message>
    <message>
        <source>This is binary data, not %1 output.</source>
        <translation>这是二进制数据，不是 %1 的输出。</translation>
    </message>
    <message>
        <source>The output of %1 is empty; it always lists at least the control domain.</source>
        <translation>%1 的输出为空；它至少总会列出控制域。</translation>
    </message>
    <message>
        <source>Domain ID %1 is listed twice; a domain name may contain a line break.</source>
        <translation>域 ID %1 出现了两次；可能有域名称中包含换行符。</translation>
    </message>
    <message>
        <source>The output ends in the middle of a line; it was probably cut off.</source>
        <translation>输出在一行的中间结束；可能被截断了。</translation>
    </message>
    <message>
        <source>This line is not a domain: &quot;%1&quot;.</source>
        <translation>这一行不是域：“%1”。</translation>
    </message>
    <message>
        <source>The output of %1 lists no domain.</source>
        <translation>%1 的输出中没有列出任何域。</translation>
    </message>
    <message>
        <source>The header line (Name ID Mem ...) is missing.</source>
        <translation>缺少表头行（Name ID Mem ...）。</translation>
    </message>
    <message>
        <source>This line is not a domain UUID: &quot;%1&quot;.</source>
        <translation>这一行不是域 UUID：“%1”。</translation>
    </message>
    <message>
        <source>The output of list_domains lists no domain.</source>
        <translation>list_domains 的输出中没有列出任何域。</translation>
    </message>
    <message>
        <source>list_domains printed a warning before the header: &quot;%1&quot;.</source>
        <translation>list_domains 在表头之前输出了一条警告：“%1”。</translation>
    </message>
    <message>
        <source>The list_domains header (id | uuid | state ...) is missing.</source>
        <translation>缺少 list_domains 的表头（id | uuid | state ...）。</translation>
    </message>
    <message>
        <source>This line has %1 columns instead of %2: &quot;%3&quot;.</source>
        <translation>这一行有 %1 列，而不是 %2 列：“%3”。</translation>
    </message>
    <message>
        <source>Domain &quot;%1&quot; has an unreadable state &quot;%2&quot;.</source>
        <translation>域“%1”的状态“%2”无法识别。</translation>
    </message>
    <message>
        <source>The output of xm list --long holds no (domain ...).</source>
        <translation>xm list --long 的输出中没有 (domain ...)。</translation>
    </message>
</context>
<context>
    <name>xr::Editor</name>
    <message>
        <source>Line %1 of %2 is not valid UTF-8; XenRescue does not edit it.</source>
        <translation>%2 的第 %1 行不是有效的 UTF-8；XenRescue 不会编辑该行。</translation>
    </message>
</context>
<context>
    <name>xr::EmptyStatePane</name>
    <message>
        <source>Empty pane</source>
        <translation>空白面板</translation>
    </message>
</context>
<context>
    <name>xr::HistoryPane</name>
    <message>
        <source>Only &amp;actions</source>
        <translation>仅显示操作(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>Filter the history by host</source>
        <translation>按主机筛选历史记录</translation>
    </message>
    <message>
        <source>&amp;VM:</source>
        <translation>虚拟机(&amp;V)：</translation>
    </message>
    <message>
        <source>name or UUID</source>
        <translation>名称或 UUID</translation>
    </message>
    <message>
        <source>Filter the history by VM</source>
        <translation>按虚拟机筛选历史记录</translation>
    </message>
    <message>
        <source>Hide the reads XenRescue makes to follow the hosts&apos; state</source>
        <translation>隐藏 XenRescue 为跟踪主机状态而执行的读取操作</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>%1 of %2 entries shown · %3</source>
        <translation>显示 %1 / %2 条记录 · %3</translation>
    </message>
    <message>
        <source>All hosts</source>
        <translation>所有主机</translation>
    </message>
</context>
<context>
    <name>xr::HostKeyDialog</name>
    <message>
        <source>XenRescue has never seen the host key of %1</source>
        <translation>XenRescue 从未见过 %1 的主机密钥</translation>
    </message>
    <message>
        <source>This is normal the first time you connect to a host. It is also what an attacker between you and the host would show. Trust the key only once you have checked its fingerprint.</source>
        <translation>第一次连接某台主机时出现这种情况是正常的；但位于您和主机之间的攻击者也会让您看到同样的提示。请在核对指纹之后再信任该密钥。</translation>
    </message>
    <message>
        <source>SHA256 fingerprint</source>
        <translation>SHA256 指纹</translation>
    </message>
    <message>
        <source>To check it, run this on the host&apos;s console (XenCenter&apos;s console tab, iDRAC, iLO...) and compare the SHA256 value it prints with the one above:</source>
        <translation>核对方法：在主机控制台上（XenCenter 的控制台选项卡、iDRAC、iLO 等）运行以下命令，并将输出的 SHA256 值与上面的指纹对比：</translation>
    </message>
    <message>
        <source>Command to print the fingerprint on the host</source>
        <translation>在主机上显示指纹的命令</translation>
    </message>
    <message>
        <source>&quot;Trust and remember&quot; adds the key to %1. &quot;Trust once&quot; connects this time only and asks again next time.</source>
        <translation>“信任并记住”会把密钥加入 %1。“仅信任本次”只用于这次连接，下次仍会询问。</translation>
    </message>
    <message>
        <source>Trust and &amp;Remember</source>
        <translation>信任并记住(&amp;R)</translation>
    </message>
    <message>
        <source>Trust &amp;Once</source>
        <translation>仅信任本次(&amp;O)</translation>
    </message>
</context>
<context>
    <name>xr::HostReadBatch</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>无响应</translation>
    </message>
</context>
<context>
    <name>xr::HostSession</name>
    <message>
        <source>The host&apos;s answer to the probe is not readable: is it a Unix shell?</source>
        <translation>无法读取主机对探测命令的应答：它是 Unix shell 吗？</translation>
    </message>
    <message>
        <source>No Xen toolstack found on this host: neither xe, xl nor xm is installed.</source>
        <translation>在这台主机上没有找到 Xen toolstack：xe、xl 和 xm 都没有安装。</translation>
    </message>
    <message>
        <source>The host is not connected.</source>
        <translation>未连接到该主机。</translation>
    </message>
    <message>
        <source>The probe command did not finish.</source>
        <translation>探测命令未能完成。</translation>
    </message>
</context>
<context>
    <name>xr::HostSummaryWidget</name>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开连接(&amp;D)</translation>
    </message>
    <message>
        <source>Host overview</source>
        <translation>主机概览</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation>连接：</translation>
    </message>
    <message>
        <source>Not connected. Connect to read the host&apos;s state; XenRescue asks before trusting a new host key or using a password.</source>
        <translation>未连接。连接后即可读取主机状态；在信任新的主机密钥或使用密码之前，XenRescue 都会先询问您。</translation>
    </message>
    <message>
        <source>&amp;Try Again</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <source>The connection did not work: the reason is above. Fix it and try again; nothing was changed on the host.</source>
        <translation>连接未成功，原因见上方。请解决问题后重试；主机上没有做任何更改。</translation>
    </message>
    <message>
        <source>Connecting. If a question is waiting (host key, password), it is in a dialog in front of this window.</source>
        <translation>正在连接。如果有待回答的问题（主机密钥、密码），它会显示在本窗口前面的对话框中。</translation>
    </message>
    <message>
        <source>Toolstack:</source>
        <translation>Toolstack：</translation>
    </message>
    <message>
        <source>Xen:</source>
        <translation>Xen：</translation>
    </message>
    <message>
        <source>Management:</source>
        <translation>管理服务：</translation>
    </message>
    <message>
        <source>Pool role:</source>
        <translation>资源池角色：</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>内存：</translation>
    </message>
    <message>
        <source>%1 is answering</source>
        <translation>%1 有响应</translation>
    </message>
    <message>
        <source>%1 is answering, but slowly</source>
        <translation>%1 有响应，但速度很慢</translation>
    </message>
    <message>
        <source>%1 is not answering (for %2)</source>
        <translation>%1 无响应（已持续 %2）</translation>
    </message>
    <message>
        <source>%1 is not answering</source>
        <translation>%1 无响应</translation>
    </message>
    <message>
        <source>%1 refuses connections (for %2)</source>
        <translation>%1 拒绝连接（已持续 %2）</translation>
    </message>
    <message>
        <source>%1 refuses connections</source>
        <translation>%1 拒绝连接</translation>
    </message>
    <message>
        <source>%1; last answer %2 ago</source>
        <translation>%1；上次响应在 %2前</translation>
    </message>
    <message>
        <source>%1; no answer since XenRescue connected</source>
        <translation>%1；自 XenRescue 连接以来从未响应</translation>
    </message>
    <message>
        <source>pool master</source>
        <translation>池主节点</translation>
    </message>
    <message>
        <source>master of pool %1</source>
        <translation>资源池 %1 的池主节点</translation>
    </message>
    <message>
        <source>pool member</source>
        <translation>成员主机</translation>
    </message>
    <message>
        <source>member of pool %1</source>
        <translation>资源池 %1 的成员主机</translation>
    </message>
    <message>
        <source>%1 (master: %2)</source>
        <translation>%1（池主节点：%2）</translation>
    </message>
    <message>
        <source>standalone host (no pool)</source>
        <translation>独立主机（不属于资源池）</translation>
    </message>
    <message>
        <source>%1 GiB total</source>
        <translation>共 %1 GiB</translation>
    </message>
    <message>
        <source>%1 MiB total</source>
        <translation>共 %1 MiB</translation>
    </message>
    <message>
        <source>Connected. Its VMs are in the tree, each with what xapi believes next to what the hypervisor runs; select one to see both views.</source>
        <translation>已连接。该主机的虚拟机显示在树中，每台都并列显示 xapi 认为的状态和 hypervisor 中实际运行的情况；选择一台虚拟机即可查看两方的详细状态。</translation>
    </message>
</context>
<context>
    <name>xr::HostText</name>
    <message>
        <source>The output is not valid UTF-8; unreadable bytes are shown as �.</source>
        <translation>输出不是有效的 UTF-8；无法识别的字节显示为 �。</translation>
    </message>
    <message numerus="yes">
        <source>The output contains %n NUL byte(s): it may be binary data rather than command output.</source>
        <translation>
            <numerusform>输出中包含 %n 个 NUL 字节：它可能是二进制数据，而不是命令输出。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xr::IfconfigReader</name>
    <message>
        <source>The flags of &quot;%1&quot; are cut.</source>
        <translation>“%1”的标志不完整。</translation>
    </message>
    <message>
        <source>The record of &quot;%1&quot; has no traffic counters.</source>
        <translation>“%1”的记录中没有流量计数器。</translation>
    </message>
    <message>
        <source>The record of &quot;%1&quot; ends before its traffic counters; the output was probably cut.</source>
        <translation>“%1”的记录在流量计数器之前就结束了；输出可能被截断了。</translation>
    </message>
</context>
<context>
    <name>xr::IpReader</name>
    <message>
        <source>The MAC address of &quot;%1&quot; is cut or malformed.</source>
        <translation>“%1”的 MAC 地址不完整或格式错误。</translation>
    </message>
    <message>
        <source>This line of the interface record was not read: &quot;%1&quot;.</source>
        <translation>未读取接口记录中的这一行：“%1”。</translation>
    </message>
    <message>
        <source>The record of &quot;%1&quot; has no link/ line.</source>
        <translation>“%1”的记录中没有 link/ 行。</translation>
    </message>
    <message>
        <source>The flags of &quot;%1&quot; are cut.</source>
        <translation>“%1”的标志不完整。</translation>
    </message>
    <message>
        <source>Interface index %1 is listed twice.</source>
        <translation>接口索引 %1 出现了两次。</translation>
    </message>
    <message>
        <source>The record of &quot;%1&quot; ends before its link/ line; the output was probably cut.</source>
        <translation>“%1”的记录在 link/ 行之前就结束了；输出可能被截断了。</translation>
    </message>
</context>
<context>
    <name>xr::LabPoolBanner</name>
    <message>
        <source>Lab pool — nothing here is real</source>
        <translation>实验资源池（演示）— 这里的一切都不是真实的</translation>
    </message>
    <message>
        <source>Practising: %1</source>
        <translation>正在练习：%1</translation>
    </message>
    <message>
        <source>Practising: %1. %2</source>
        <translation>正在练习：%1。%2</translation>
    </message>
</context>
<context>
    <name>xr::LogBrowserPane</name>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Log to show</source>
        <translation>要显示的日志</translation>
    </message>
    <message>
        <source>a log of the list, or any path</source>
        <translation>列表中的日志，或任意路径</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
</context>
<context>
    <name>xr::LogBrowserWindow</name>
    <message>
        <source>Logs — side by side</source>
        <translation>日志 — 并排查看</translation>
    </message>
    <message>
        <source>Log Browser</source>
        <translation>日志浏览器</translation>
    </message>
    <message>
        <source>Add Pane</source>
        <translation>添加窗格</translation>
    </message>
    <message>
        <source>Remove Pane</source>
        <translation>移除窗格</translation>
    </message>
    <message>
        <source>Sync by Time</source>
        <translation>按时间同步</translation>
    </message>
    <message>
        <source>Selecting a line scrolls the other panes to the nearest timestamp</source>
        <translation>选中某一行时，其他窗格将滚动到最接近的时间戳</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Interleave the open logs by time in one view</source>
        <translation>在一个视图中按时间交错显示已打开的日志</translation>
    </message>
    <message>
        <source>Open at least two logs to merge them.</source>
        <translation>至少打开两个日志才能合并。</translation>
    </message>
</context>
<context>
    <name>xr::LogFileModel</name>
    <message>
        <source>%1, modified %2</source>
        <translation>%1，修改于 %2</translation>
    </message>
    <message>
        <source>The output of %1 on the host</source>
        <translation>主机上 %1 的输出</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>修改时间</translation>
    </message>
</context>
<context>
    <name>xr::LogFindBar</name>
    <message>
        <source>Re&amp;gex</source>
        <translation>正则表达式(&amp;G)</translation>
    </message>
    <message>
        <source>Match &amp;case</source>
        <translation>区分大小写(&amp;C)</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>text or regular expression</source>
        <translation>文本或正则表达式</translation>
    </message>
    <message>
        <source>Find in log</source>
        <translation>在日志中查找</translation>
    </message>
    <message>
        <source>Previous match (%1)</source>
        <translation>上一个匹配项（%1）</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>上一个匹配项</translation>
    </message>
    <message>
        <source>Next match (%1)</source>
        <translation>下一个匹配项（%1）</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>下一个匹配项</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close the find bar (Esc)</source>
        <translation>关闭查找栏（Esc）</translation>
    </message>
    <message>
        <source>Close find bar</source>
        <translation>关闭查找栏</translation>
    </message>
</context>
<context>
    <name>xr::LogFormat</name>
    <message>
        <source>Debug</source>
        <translation>调试</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>xapi log (syslog)</source>
        <translation>xapi 日志（syslog 格式）</translation>
    </message>
    <message>
        <source>xapi log</source>
        <translation>xapi 日志</translation>
    </message>
    <message>
        <source>storage manager log (SMlog)</source>
        <translation>存储管理器日志（SMlog）</translation>
    </message>
    <message>
        <source>syslog</source>
        <translation>syslog</translation>
    </message>
    <message>
        <source>HA daemon log (xha.log)</source>
        <translation>HA 守护进程日志（xha.log）</translation>
    </message>
    <message>
        <source>xend log</source>
        <translation>xend 日志</translation>
    </message>
    <message>
        <source>hypervisor console log</source>
        <translation>hypervisor 控制台日志</translation>
    </message>
    <message>
        <source>plain text log</source>
        <translation>纯文本日志</translation>
    </message>
    <message>
        <source>unknown log format</source>
        <translation>未知的日志格式</translation>
    </message>
</context>
<context>
    <name>xr::LogPane</name>
    <message>
        <source>Follow</source>
        <translation>实时跟踪</translation>
    </message>
    <message>
        <source>Show new lines as they are written (copes with rotation and truncation)</source>
        <translation>新行写入时即时显示（可应对日志轮转和截断）</translation>
    </message>
    <message>
        <source>Wrap</source>
        <translation>自动换行</translation>
    </message>
    <message>
        <source>Wrap long lines</source>
        <translation>长行自动换行</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>分列</translation>
    </message>
    <message>
        <source>Show the parsed columns (time, host, process, level, thread and task) or the raw lines</source>
        <translation>显示解析后的各列（时间、主机、进程、级别、线程和任务）或原始行</translation>
    </message>
    <message>
        <source>Load Older</source>
        <translation>加载更早内容</translation>
    </message>
    <message>
        <source>Read the part of the file before what is shown (scrolling to the top does it too)</source>
        <translation>读取文件中当前显示内容之前的部分（滚动到顶部也会加载）</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>下载…</translation>
    </message>
    <message>
        <source>Copy the whole file to this computer</source>
        <translation>将整个文件复制到这台计算机</translation>
    </message>
    <message>
        <source>Go to Time</source>
        <translation>跳转到时间</translation>
    </message>
    <message>
        <source>Jump to the first line at or after this time (the log&apos;s own clock)</source>
        <translation>跳转到该时间点或之后的第一行（按日志自身的时钟）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <source>Time to go to</source>
        <translation>要跳转到的时间</translation>
    </message>
    <message>
        <source>Filter lines</source>
        <translation>筛选行</translation>
    </message>
    <message>
        <source>All lines</source>
        <translation>所有行</translation>
    </message>
    <message>
        <source>Matching lines</source>
        <translation>匹配的行</translation>
    </message>
    <message>
        <source>Warnings and worse</source>
        <translation>警告及更严重</translation>
    </message>
    <message>
        <source>Known problems</source>
        <translation>已知问题</translation>
    </message>
    <message>
        <source>Explanation of the known problem</source>
        <translation>已知问题的说明</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>Merged: %1</source>
        <translation>已合并：%1</translation>
    </message>
    <message>
        <source>Merging by time… %1%</source>
        <translation>正在按时间合并… %1%</translation>
    </message>
    <message>
        <source>No log open</source>
        <translation>未打开日志</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · reading older lines…</source>
        <translation>%1 · 正在读取更早的行…</translation>
    </message>
    <message>
        <source>%1 · last %2 of %3 loaded</source>
        <translation>%1 · 已加载最后 %2（共 %3）</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Filtering… %1%</source>
        <translation>正在筛选… %1%</translation>
    </message>
    <message numerus="yes">
        <source>%n matching line(s)</source>
        <translation>
            <numerusform>%n 行匹配</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (search cancelled)</source>
        <translation>%1（搜索已取消）</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Known problem: %1</source>
        <translation>已知问题：%1</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>处理方法</translation>
    </message>
    <message>
        <source>risk: %1</source>
        <translation>风险：%1</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>下载 %1</translation>
    </message>
</context>
<context>
    <name>xr::LogSearch</name>
    <message>
        <source>The log changed while it was being searched.</source>
        <translation>搜索期间日志发生了变化。</translation>
    </message>
    <message>
        <source>The regular expression is not valid: %1 (at %2).</source>
        <translation>正则表达式无效：%1（位置 %2）。</translation>
    </message>
</context>
<context>
    <name>xr::LogSource</name>
    <message>
        <source>The host&apos;s connection is gone.</source>
        <translation>与该主机的连接已断开。</translation>
    </message>
    <message>
        <source>%1 could not be read.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 did not run.</source>
        <translation>%1 未能运行。</translation>
    </message>
    <message>
        <source>%1 failed (exit status %2).</source>
        <translation>%1 失败（退出状态 %2）。</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <source>%1 changed while it was read.</source>
        <translation>%1 在读取过程中发生了变化。</translation>
    </message>
    <message>
        <source>%1 was truncated or rotated; showing it again from its end.</source>
        <translation>%1 已被截断或轮转；从其末尾重新显示。</translation>
    </message>
    <message>
        <source>%1 was rotated; showing the new file from its end.</source>
        <translation>%1 已轮转；从新文件的末尾开始显示。</translation>
    </message>
    <message>
        <source>%1 downloaded (%2 bytes).</source>
        <translation>%1 已下载（%2 字节）。</translation>
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation>下载已取消。</translation>
    </message>
    <message>
        <source>The download failed.</source>
        <translation>下载失败。</translation>
    </message>
    <message>
        <source>%1 shrank while it was read.</source>
        <translation>读取期间 %1 变小了。</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write the inflated log to %1: %2</source>
        <translation>无法将解压后的日志写入 %1：%2</translation>
    </message>
    <message>
        <source>No room for the inflated log: %1</source>
        <translation>没有空间存放解压后的日志：%1</translation>
    </message>
    <message>
        <source>%1 was rotated or rewritten; showing it again from its end.</source>
        <translation>%1 已被轮转或重写；重新从末尾显示。</translation>
    </message>
    <message>
        <source>%1 changed since it was read (rotated or rewritten); open it again.</source>
        <translation>%1 在读取后已改变（被轮转或重写）；请重新打开。</translation>
    </message>
    <message>
        <source>No room for a copy of the log: %1</source>
        <translation>没有空间存放日志副本：%1</translation>
    </message>
    <message>
        <source>%1 could not be copied.</source>
        <translation>无法复制 %1。</translation>
    </message>
    <message>
        <source>%1 copied whole (%2 bytes).</source>
        <translation>已完整复制 %1（%2 字节）。</translation>
    </message>
    <message>
        <source>Cannot add the new lines to the copy of %1: %2</source>
        <translation>无法将新行写入 %1 的副本：%2</translation>
    </message>
    <message>
        <source>%1 Only the first %2 MiB of the log are shown: the rest (after %3 of %4 MiB of compressed data) was not inflated.</source>
        <translation>%1 仅显示日志的前 %2 MiB：其余部分（%4 MiB 压缩数据中 %3 MiB 之后的内容）未解压。</translation>
    </message>
    <message>
        <source>Inflating stopped at the limit of %1 MiB.</source>
        <translation>解压已在达到 %1 MiB 上限时停止。</translation>
    </message>
    <message>
        <source>Inflating stopped: the data expands more than %1 times, which no log does (a compressed file built to fill the disk?).</source>
        <translation>解压已停止：数据膨胀超过 %1 倍，正常日志不会如此（可能是专门用来填满磁盘的压缩文件？）。</translation>
    </message>
    <message>
        <source>Inflating stopped: the disk holding %1 has only %2 MiB free, and XenRescue keeps %3 MiB free.</source>
        <translation>解压已停止：%1 所在的磁盘仅剩 %2 MiB 可用空间，而 XenRescue 会保留 %3 MiB 可用空间。</translation>
    </message>
</context>
<context>
    <name>xr::LogView</name>
    <message>
        <source>Log lines</source>
        <translation>日志行</translation>
    </message>
    <message numerus="yes">
        <source>(repeated %n times) </source>
        <translation>
            <numerusform>（重复 %n 次） </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xr::LogsTab</name>
    <message>
        <source>Scan for &amp;Known Problems</source>
        <translation>扫描已知问题(&amp;K)</translation>
    </message>
    <message>
        <source>Log files</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <source>Other path on the host, e.g. /var/log/xen/qemu-dm-7.log</source>
        <translation>主机上的其他路径，例如 /var/log/xen/qemu-dm-7.log</translation>
    </message>
    <message>
        <source>Remote path to open</source>
        <translation>要打开的远程路径</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Refresh List</source>
        <translation>刷新列表</translation>
    </message>
    <message>
        <source>Open &amp;Local File…</source>
        <translation>打开本地文件(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Side by Side…</source>
        <translation>并排查看(&amp;S)…</translation>
    </message>
    <message>
        <source>Open the Log Browser: two to four logs from any host, synchronised or merged by time</source>
        <translation>打开日志浏览器：查看任意主机的两到四个日志，同步滚动或按时间合并</translation>
    </message>
    <message>
        <source>Look for the error catalogue&apos;s known problems in every open log</source>
        <translation>在所有已打开的日志中查找错误目录中的已知问题</translation>
    </message>
    <message>
        <source>Known problems found</source>
        <translation>发现的已知问题</translation>
    </message>
    <message>
        <source>Known problem</source>
        <translation>已知问题</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Double-click a log on the left to read it: it opens at its end, older lines come as you scroll up. Ctrl+F finds text; lines with a known problem carry a dot.</source>
        <translation>双击左侧的日志即可阅读：日志从末尾打开，向上滚动时加载更早的行。按 Ctrl+F 查找文本；含已知问题的行会带有圆点标记。</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Logs of %1</source>
        <translation>%1 的日志</translation>
    </message>
    <message>
        <source>The host&apos;s logs (xensource.log, SMlog, the hypervisor&apos;s own) are listed and read here, side by side and merged by time. %1</source>
        <translation>在这里列出并阅读主机的日志（xensource.log、SMlog 以及 hypervisor 自身的日志），可以并排查看，也可以按时间合并。%1</translation>
    </message>
    <message>
        <source>Connect to %1 to read its logs.</source>
        <translation>连接到 %1 以阅读其日志。</translation>
    </message>
    <message>
        <source>No host selected</source>
        <translation>未选择主机</translation>
    </message>
    <message>
        <source>%1 is not connected</source>
        <translation>%1 未连接</translation>
    </message>
    <message>
        <source>Logs on %1</source>
        <translation>%1 上的日志</translation>
    </message>
    <message>
        <source>Open a Local Log</source>
        <translation>打开本地日志</translation>
    </message>
    <message>
        <source>Open a log first: the scan reads the open logs.</source>
        <translation>请先打开日志：扫描只读取已打开的日志。</translation>
    </message>
    <message numerus="yes">
        <source>Scanning %n log(s) for known problems…</source>
        <translation>
            <numerusform>正在扫描 %n 个日志中的已知问题…</numerusform>
        </translation>
    </message>
    <message>
        <source>No known problem in the open logs.</source>
        <translation>已打开的日志中没有已知问题。</translation>
    </message>
    <message numerus="yes">
        <source>%n known problem(s) found in the open logs.</source>
        <translation>
            <numerusform>在已打开的日志中发现 %n 个已知问题。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xr::MainWindow</name>
    <message>
        <source>%1
Not available yet: %2</source>
        <translation>%1
暂不可用：%2</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>连接(&amp;C)…</translation>
    </message>
    <message>
        <source>Connect to a host over SSH (%1)</source>
        <translation>通过 SSH 连接主机（%1）</translation>
    </message>
    <message>
        <source>Connect to a XenServer, XCP-ng or Xen host over SSH</source>
        <translation>通过 SSH 连接 XenServer、XCP-ng 或 Xen 主机</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>连接(&amp;O)</translation>
    </message>
    <message>
        <source>Connect to the selected host</source>
        <translation>连接所选主机</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开连接(&amp;D)</translation>
    </message>
    <message>
        <source>Close the connection to the selected host</source>
        <translation>关闭与所选主机的连接</translation>
    </message>
    <message>
        <source>&amp;Remove from List…</source>
        <translation>从列表中移除(&amp;R)…</translation>
    </message>
    <message>
        <source>Forget the selected host (its saved passwords stay in the keychain)</source>
        <translation>忘记所选主机（已保存的密码仍留在系统密钥环中）</translation>
    </message>
    <message>
        <source>&amp;Shut Down</source>
        <translation>关机(&amp;S)</translation>
    </message>
    <message>
        <source>Re&amp;boot</source>
        <translation>重启(&amp;B)</translation>
    </message>
    <message>
        <source>Rescue &amp;VM…</source>
        <translation>救援虚拟机(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Logs</source>
        <translation>日志(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Filter the Tree</source>
        <translation>筛选树(&amp;F)</translation>
    </message>
    <message>
        <source>Only &amp;Problems</source>
        <translation>仅显示问题(&amp;P)</translation>
    </message>
    <message>
        <source>Show only hosts that need attention</source>
        <translation>只显示需要处理的主机</translation>
    </message>
    <message>
        <source>Open &amp;Data Folder</source>
        <translation>打开数据文件夹(&amp;D)</translation>
    </message>
    <message>
        <source>Open the folder with XenRescue&apos;s known_hosts file and audit log</source>
        <translation>打开存放 XenRescue 的 known_hosts 文件和审计日志的文件夹</translation>
    </message>
    <message>
        <source>&amp;About XenRescue</source>
        <translation>关于 XenRescue(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Host</source>
        <translation>主机(&amp;H)</translation>
    </message>
    <message>
        <source>V&amp;M</source>
        <translation>虚拟机(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Show &amp;Toolbar</source>
        <translation>显示工具栏(&amp;T)</translation>
    </message>
    <message>
        <source>Filter the host tree</source>
        <translation>筛选主机树</translation>
    </message>
    <message>
        <source>Only problems</source>
        <translation>仅显示问题</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Select a host in the tree first.</source>
        <translation>请先在树中选择一台主机。</translation>
    </message>
    <message>
        <source>Connect to a host first: choose Connect… (%1).</source>
        <translation>请先连接主机：选择“连接…”（%1）。</translation>
    </message>
    <message>
        <source>The path from physical NICs through bridges to each VM&apos;s virtual interfaces will be drawn here. %1</source>
        <translation>这里将绘制从物理网卡经网桥到各虚拟机虚拟网卡（vif）的路径。%1</translation>
    </message>
    <message>
        <source>How the host&apos;s memory is shared between Xen, dom0 and each VM, and dom0&apos;s memory settings, will appear here. %1</source>
        <translation>这里将显示主机内存在 Xen、dom0 和各虚拟机之间的分配情况，以及 dom0 的内存设置。%1</translation>
    </message>
    <message>
        <source>Connect to %1 to see this.</source>
        <translation>连接 %1 后即可查看。</translation>
    </message>
    <message>
        <source>Network of %1</source>
        <translation>%1 的网络</translation>
    </message>
    <message>
        <source>Physical NICs, bridges and the VMs&apos; virtual interfaces will be drawn here. %1</source>
        <translation>这里将绘制物理网卡、网桥和虚拟机的虚拟网卡（vif）。%1</translation>
    </message>
    <message>
        <source>Memory of %1</source>
        <translation>%1 的内存</translation>
    </message>
    <message>
        <source>Xen, dom0 and VM memory, and dom0&apos;s memory settings, will appear here. %1</source>
        <translation>这里将显示 Xen、dom0 和虚拟机的内存，以及 dom0 的内存设置。%1</translation>
    </message>
    <message>
        <source>Connect to %1</source>
        <translation>连接 %1</translation>
    </message>
    <message>
        <source>Disconnect from %1</source>
        <translation>断开与 %1 的连接</translation>
    </message>
    <message>
        <source>Forget %1</source>
        <translation>忘记 %1</translation>
    </message>
    <message>
        <source>No hosts. Use Connect… to add one.</source>
        <translation>没有主机。请使用“连接…”添加。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Hosts: %1 · connected: %2</source>
        <translation>主机：%1 · 已连接：%2</translation>
    </message>
    <message>
        <source> · with a problem: %1</source>
        <translation> · 有问题：%1</translation>
    </message>
    <message>
        <source>The connection to %1 was lost. %2</source>
        <translation>与 %1 的连接已断开。%2</translation>
    </message>
    <message>
        <source>Could not connect to %1. %2</source>
        <translation>无法连接到 %1。%2</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Connect to %1 again</source>
        <translation>重新连接 %1</translation>
    </message>
    <message>
        <source>Remove Host</source>
        <translation>移除主机</translation>
    </message>
    <message>
        <source>Remove %1 from the list? XenRescue disconnects from it and forgets its connection settings. Passwords remembered in the keychain are not removed.</source>
        <translation>要从列表中移除 %1 吗？XenRescue 将断开与它的连接并忘记其连接设置。系统密钥环中记住的密码不会被删除。</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>About XenRescue</source>
        <translation>关于 XenRescue</translation>
    </message>
    <message>
        <source>&lt;h3&gt;XenRescue %1&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;XenRescue %1&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Finds out why a Xen virtual machine hangs and walks you through recovering it, safest step first, over SSH to dom0. A companion to XenCenter.&lt;/p&gt;&lt;p&gt;Settings: %1&lt;br&gt;Data (known_hosts, audit log): %2&lt;/p&gt;</source>
        <translation>&lt;p&gt;通过 SSH 连接 dom0，找出 Xen 虚拟机无响应的原因，并从最安全的步骤开始引导您恢复它。XenCenter 的配套工具。&lt;/p&gt;&lt;p&gt;设置：%1&lt;br&gt;数据（known_hosts、审计日志）：%2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Could not open a file manager. The data folder is %1</source>
        <translation>无法打开文件管理器。数据文件夹位于 %1</translation>
    </message>
    <message>
        <source>&amp;Practise a Rescue…</source>
        <translation>练习救援(&amp;P)…</translation>
    </message>
    <message>
        <source>Practise on a simulated lab pool with a hung VM; nothing real is touched</source>
        <translation>在带有挂起假死虚拟机的模拟实验资源池上练习；不会触及任何真实系统</translation>
    </message>
    <message>
        <source>Choose a practice scenario: a simulated lab pool inside XenRescue</source>
        <translation>选择练习场景：XenRescue 内部的模拟实验资源池</translation>
    </message>
    <message>
        <source>&amp;Leave the Lab Pool</source>
        <translation>离开实验资源池(&amp;L)</translation>
    </message>
    <message>
        <source>Close the lab pool and show your saved hosts</source>
        <translation>关闭实验资源池并显示已保存的主机</translation>
    </message>
    <message>
        <source>%1 — Lab Pool</source>
        <translation>%1 — 实验资源池</translation>
    </message>
    <message>
        <source>Filter: name, UUID, state</source>
        <translation>筛选：名称、UUID、状态</translation>
    </message>
    <message>
        <source>Pools, hosts and VMs</source>
        <translation>资源池、主机和虚拟机</translation>
    </message>
    <message>
        <source> · VMs: %1 · VMs with a problem: %2</source>
        <translation> · 虚拟机：%1 · 有问题的虚拟机：%2</translation>
    </message>
    <message>
        <source> · xapi not answering: %1</source>
        <translation> · xapi 无响应：%1</translation>
    </message>
    <message>
        <source>Read the state of the selected host (or of every host) and its VMs again</source>
        <translation>重新读取所选主机（或所有主机）及其虚拟机的状态</translation>
    </message>
    <message>
        <source>Read the state again now (%1)</source>
        <translation>立即重新读取状态（%1）</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>启动(&amp;T)</translation>
    </message>
    <message>
        <source>Start the selected VM</source>
        <translation>启动所选虚拟机</translation>
    </message>
    <message>
        <source>Ask the selected VM to shut down cleanly</source>
        <translation>请求所选虚拟机正常关机</translation>
    </message>
    <message>
        <source>&amp;Force Shutdown…</source>
        <translation>强制关机(&amp;F)…</translation>
    </message>
    <message>
        <source>Power off the selected VM without asking its operating system</source>
        <translation>不经操作系统同意，直接关闭所选虚拟机的电源</translation>
    </message>
    <message>
        <source>Restart the selected VM cleanly</source>
        <translation>正常重启所选虚拟机</translation>
    </message>
    <message>
        <source>Force Re&amp;boot…</source>
        <translation>强制重启(&amp;B)…</translation>
    </message>
    <message>
        <source>Reset the selected VM without asking its operating system</source>
        <translation>不经操作系统同意，直接重置所选虚拟机</translation>
    </message>
    <message>
        <source>Diagnose a hung VM and walk the recovery steps, safest first</source>
        <translation>诊断挂起假死的虚拟机，并从最安全的步骤开始逐步执行恢复</translation>
    </message>
    <message>
        <source>Copy &amp;UUID</source>
        <translation>复制 UUID(&amp;U)</translation>
    </message>
    <message>
        <source>Copy the selected item&apos;s UUID to the clipboard</source>
        <translation>将所选项的 UUID 复制到剪贴板</translation>
    </message>
    <message>
        <source>Open the Log Browser: logs of any host side by side, synchronised or merged by time</source>
        <translation>打开日志浏览器：并排查看任意主机的日志，同步滚动或按时间合并</translation>
    </message>
    <message>
        <source>Select a VM on that host, then choose Rescue VM…: restarting the toolstack is rung 3 of its ladder.</source>
        <translation>请选择该主机上的一台虚拟机，然后选择“救援虚拟机…”：重启 toolstack 是其恢复步骤阶梯中的步骤 3。</translation>
    </message>
    <message>
        <source>Reading the host first…</source>
        <translation>正在先读取主机…</translation>
    </message>
    <message numerus="yes">
        <source>XenRescue is not connected to %n member(s) of this pool: %1. Rescue steps that destroy or crash a domain run on the VM&apos;s own host, so connect to them now, while you can.</source>
        <translation>
            <numerusform>XenRescue 未连接到此资源池的 %n 台成员主机：%1。销毁域或使域崩溃的救援步骤需要在该虚拟机自己所在的主机上执行，因此请趁现在还能连接时连接到这些主机。</numerusform>
        </translation>
    </message>
    <message>
        <source>Connect to Them</source>
        <translation>连接到这些主机</translation>
    </message>
    <message>
        <source>Reading the state again…</source>
        <translation>正在重新读取状态…</translation>
    </message>
    <message>
        <source>%1 %2?</source>
        <translation>%1 %2？</translation>
    </message>
    <message>
        <source>%1 the VM &quot;%2&quot;?</source>
        <translation>确定要%1虚拟机“%2”吗？</translation>
    </message>
    <message>
        <source>If the VM is hung rather than just slow, Rescue VM… diagnoses it first and picks the safest step.</source>
        <translation>如果虚拟机是挂起假死而不只是响应缓慢，“救援虚拟机…”会先进行诊断，并选择最安全的步骤。</translation>
    </message>
    <message>
        <source>The VM&apos;s host is not connected.</source>
        <translation>该虚拟机所在的主机未连接。</translation>
    </message>
    <message>
        <source>%1: %2 sent</source>
        <translation>%1：已发送 %2</translation>
    </message>
    <message>
        <source>%1 of %2: done.</source>
        <translation>%2 的%1：已完成。</translation>
    </message>
    <message>
        <source>%1 of %2 failed: %3
If the VM is hung, Rescue VM… walks the safe steps.</source>
        <translation>%2 的%1失败：%3
如果虚拟机挂起假死，“救援虚拟机…”会逐一引导您完成安全的步骤。</translation>
    </message>
    <message>
        <source>Select a VM in the tree first.</source>
        <translation>请先在树中选择一台虚拟机。</translation>
    </message>
    <message>
        <source>Not for the control domain (dom0).</source>
        <translation>不适用于控制域（dom0）。</translation>
    </message>
    <message>
        <source>The VM is not halted.</source>
        <translation>该虚拟机未处于停止状态。</translation>
    </message>
    <message>
        <source>The VM is not running.</source>
        <translation>该虚拟机未在运行。</translation>
    </message>
    <message>
        <source>xapi does not allow this now. Rescue VM… finds out why and what works.</source>
        <translation>xapi 当前不允许此操作。“救援虚拟机…”会查明原因并找出可行的办法。</translation>
    </message>
    <message>
        <source>xapi does not allow this now: it is busy with %1. Rescue VM… finds a way.</source>
        <translation>xapi 当前不允许此操作：它正忙于 %1。“救援虚拟机…”会找出办法。</translation>
    </message>
    <message>
        <source>Leaving the lab pool</source>
        <translation>离开实验资源池</translation>
    </message>
    <message>
        <source>Starting the lab pool</source>
        <translation>启动实验资源池</translation>
    </message>
    <message>
        <source>Disconnecting from %1</source>
        <translation>断开与 %1 的连接</translation>
    </message>
    <message>
        <source>Removing %1</source>
        <translation>移除 %1</translation>
    </message>
    <message>
        <source>Closing XenRescue</source>
        <translation>关闭 XenRescue</translation>
    </message>
</context>
<context>
    <name>xr::MemberAddress</name>
    <message>
        <source>it is empty.</source>
        <translation>该地址为空。</translation>
    </message>
    <message>
        <source>it is longer than 253 characters.</source>
        <translation>该地址超过 253 个字符。</translation>
    </message>
    <message>
        <source>it starts with &apos;-&apos;, which ssh would read as an option.</source>
        <translation>该地址以“-”开头，ssh 会将其当作选项。</translation>
    </message>
    <message>
        <source>it holds a character that is not allowed (%1).</source>
        <translation>该地址包含不允许的字符（%1）。</translation>
    </message>
    <message>
        <source>it is not a valid IPv6 address.</source>
        <translation>该地址不是有效的 IPv6 地址。</translation>
    </message>
    <message>
        <source>a part between dots is empty or longer than 63 characters.</source>
        <translation>以点分隔的某一段为空或超过 63 个字符。</translation>
    </message>
    <message>
        <source>a part between dots starts or ends with &apos;-&apos;.</source>
        <translation>以点分隔的某一段以“-”开头或结尾。</translation>
    </message>
    <message>
        <source>it is neither a complete IPv4 address nor a host name.</source>
        <translation>该地址既不是完整的 IPv4 地址，也不是主机名。</translation>
    </message>
</context>
<context>
    <name>xr::MemoryChart</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>Memory bars</source>
        <translation>内存条形图</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Xen</source>
        <translation>Xen</translation>
    </message>
    <message>
        <source>dom0</source>
        <translation>dom0</translation>
    </message>
    <message>
        <source>free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Per domain</source>
        <translation>按域</translation>
    </message>
    <message>
        <source>outline: static min-max · light: dynamic min-max · solid: actual</source>
        <translation>边框：静态最小值-最大值 · 浅色：动态最小值-最大值 · 实心：实际值</translation>
    </message>
</context>
<context>
    <name>xr::MemoryPane</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Change dom0 Memory…</source>
        <translation>更改 dom0 内存(&amp;C)…</translation>
    </message>
    <message>
        <source>&lt;b&gt;dom0&apos;s memory settings&lt;/b&gt;</source>
        <translation>&lt;b&gt;dom0 的内存设置&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Advice&lt;/b&gt;</source>
        <translation>&lt;b&gt;建议&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Reading the memory of %1…</source>
        <translation>正在读取 %1 的内存…</translation>
    </message>
    <message>
        <source>%1: %2 in total, %3 free</source>
        <translation>%1：共 %2，空闲 %3</translation>
    </message>
    <message>
        <source>read in part: %1</source>
        <translation>部分读取：%1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>Xen overhead</source>
        <translation>Xen 开销</translation>
    </message>
    <message>
        <source>dom0 now</source>
        <translation>dom0 当前内存</translation>
    </message>
    <message>
        <source>dom0_mem at boot</source>
        <translation>启动时的 dom0_mem</translation>
    </message>
    <message>
        <source>not set: dom0 starts with all memory</source>
        <translation>未设置：dom0 启动时占用全部内存</translation>
    </message>
    <message>
        <source>autoballoon</source>
        <translation>autoballoon</translation>
    </message>
    <message>
        <source>dom0-min-mem</source>
        <translation>dom0-min-mem</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>enable-dom0-ballooning</source>
        <translation>enable-dom0-ballooning</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>not set (yes)</source>
        <translation>未设置（是）</translation>
    </message>
    <message>
        <source>Recommended for dom0</source>
        <translation>dom0 推荐值</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>良好</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
</context>
<context>
    <name>xr::MemoryReport</name>
    <message>
        <source>XCP-ng recommends at least 2 GiB for dom0: 4 GiB on hosts with less than 128 GiB of RAM, 8 GiB from 128 GiB.</source>
        <translation>XCP-ng 建议为 dom0 分配至少 2 GiB：内存少于 128 GiB 的主机为 4 GiB，128 GiB 及以上的主机为 8 GiB。</translation>
    </message>
    <message>
        <source>XenServer sizes dom0 at 1 GiB plus 5 % of the host&apos;s RAM, at most 8 GiB.</source>
        <translation>XenServer 为 dom0 分配 1 GiB 加上主机内存的 5 %，最多 8 GiB。</translation>
    </message>
    <message>
        <source>Plain Xen has no vendor figure: give dom0 a fixed size that covers its own work (the chapter&apos;s hosts used about 512 MiB; 1 to 4 GiB is common today).</source>
        <translation>原生 Xen 没有厂商给出的推荐值：请为 dom0 设定一个足以承担其自身工作的固定大小（该章节中的主机约使用 512 MiB；如今常见的是 1 到 4 GiB）。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>dom0&apos;s memory is not fixed at boot</source>
        <translation>dom0 的内存未在启动时固定</translation>
    </message>
    <message>
        <source>Without dom0_mem= on the hypervisor&apos;s command line dom0 starts with all of the host&apos;s memory and hands it back by ballooning as guests start. Under load dom0 is then left short (the oom-killer ends processes in dom0) and starting guests is slow. Set dom0_mem=N,max:N.</source>
        <translation>如果 hypervisor 的命令行中没有 dom0_mem=，dom0 启动时会占用主机的全部内存，并在虚拟机启动时通过内存气球（ballooning）归还内存。这样在负载较高时 dom0 会内存不足（oom-killer 会结束 dom0 中的进程），启动虚拟机也会变慢。请设置 dom0_mem=N,max:N。</translation>
    </message>
    <message>
        <source>dom0_mem has no matching max:</source>
        <translation>dom0_mem 没有对应的 max:</translation>
    </message>
    <message>
        <source>dom0_mem=%1 sets where dom0 starts but not a ceiling, so dom0 can still grow or be ballooned. Write it as dom0_mem=%2M,max:%2M so its size is the same from boot to shutdown.</source>
        <translation>dom0_mem=%1 只设定了 dom0 的初始内存，没有设定上限，因此 dom0 仍可能增长或被内存气球回收。请写成 dom0_mem=%2M,max:%2M，使其大小从启动到关机始终不变。</translation>
    </message>
    <message>
        <source>dom0 has %1; %2 is recommended for this host</source>
        <translation>dom0 当前为 %1；这台主机推荐 %2</translation>
    </message>
    <message>
        <source> A dom0 that is too small swaps or kills processes under load; xapi, the storage manager and qemu of HVM guests all run there.</source>
        <translation> dom0 过小时，在负载下会使用交换空间或结束进程；xapi、存储管理器以及 HVM 虚拟机的 qemu 都运行在 dom0 中。</translation>
    </message>
    <message>
        <source>dom0&apos;s size (%1) meets the recommendation (%2)</source>
        <translation>dom0 的大小（%1）符合推荐值（%2）</translation>
    </message>
    <message>
        <source>xl still balloons dom0 down</source>
        <translation>xl 仍会通过内存气球缩减 dom0</translation>
    </message>
    <message>
        <source>autoballoon is on in /etc/xen/xl.conf: xl takes memory from dom0 whenever a guest needs it, even though dom0_mem fixes its size. Set autoballoon=&quot;off&quot; so dom0 keeps what it was given.</source>
        <translation>/etc/xen/xl.conf 中启用了 autoballoon：只要虚拟机需要内存，xl 就会从 dom0 拿走内存，即使 dom0_mem 已固定其大小。请设置 autoballoon=&quot;off&quot;，让 dom0 保留分配给它的内存。</translation>
    </message>
    <message>
        <source>Ballooning is off but dom0 holds all memory</source>
        <translation>内存气球已关闭，但 dom0 占用着全部内存</translation>
    </message>
    <message>
        <source>autoballoon is off and no dom0_mem is set: dom0 starts with all of the host&apos;s memory and xl will not take any back, so new guests fail to start for lack of memory. Set dom0_mem first.</source>
        <translation>autoballoon 已关闭且未设置 dom0_mem：dom0 启动时占用主机的全部内存，而 xl 不会收回任何内存，因此新的虚拟机会因内存不足而无法启动。请先设置 dom0_mem。</translation>
    </message>
    <message>
        <source>xend may balloon dom0</source>
        <translation>xend 可能会通过内存气球缩减 dom0</translation>
    </message>
    <message>
        <source>xend-config.sxp does not say (enable-dom0-ballooning no), so xend shrinks dom0 down to dom0-min-mem when guests need memory. With a fixed dom0_mem, turn it off.</source>
        <translation>xend-config.sxp 中没有写明 (enable-dom0-ballooning no)，因此当虚拟机需要内存时，xend 会将 dom0 缩减到 dom0-min-mem。在 dom0_mem 固定的情况下，请将其关闭。</translation>
    </message>
    <message>
        <source>dom0-min-mem (%1) differs from dom0_mem (%2)</source>
        <translation>dom0-min-mem（%1）与 dom0_mem（%2）不一致</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>The chapter&apos;s advice is to give xend the same figure as the boot line: (dom0-min-mem %1), so xend never tries to take dom0 below its fixed size (guests then fail with &quot;I need ... KiB, but dom0_min_mem is ...&quot; instead of starving dom0).</source>
        <translation>该章节的建议是为 xend 设置与启动命令行相同的数值：(dom0-min-mem %1)，这样 xend 就不会试图让 dom0 低于其固定大小（此时虚拟机会以 &quot;I need ... KiB, but dom0_min_mem is ...&quot; 报错启动失败，而不会让 dom0 内存耗尽）。</translation>
    </message>
    <message>
        <source>dom0 has a fixed size and is not ballooned</source>
        <translation>dom0 大小固定，且不会被内存气球回收</translation>
    </message>
    <message>
        <source>dom0_mem=%1 pins dom0&apos;s memory and nothing takes it back: what the chapter recommends.</source>
        <translation>dom0_mem=%1 固定了 dom0 的内存，且没有任何组件会收回它：这正是该章节推荐的做法。</translation>
    </message>
</context>
<context>
    <name>xr::MemorySettings</name>
    <message>
        <source>No hypervisor command line was found (no Xen boot entry, dom0_mem= line or xen_commandline).</source>
        <translation>没有找到 hypervisor 命令行（没有 Xen 启动项、dom0_mem= 行或 xen_commandline）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a (name value) setting.</source>
        <translation>“%1”不是 (name value) 形式的设置。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is set again; xend uses the first setting.</source>
        <translation>“%1”被重复设置；xend 使用第一个设置。</translation>
    </message>
    <message>
        <source>The value of &quot;%1&quot; is not a whole number: &quot;%2&quot;.</source>
        <translation>“%1”的值不是整数：“%2”。</translation>
    </message>
    <message>
        <source>enable-dom0-ballooning must be yes or no, not &quot;%1&quot;.</source>
        <translation>enable-dom0-ballooning 必须为 yes 或 no，而不是“%1”。</translation>
    </message>
</context>
<context>
    <name>xr::MessageBar</name>
    <message>
        <source>Hide this message</source>
        <translation>隐藏此消息</translation>
    </message>
    <message>
        <source>Hide message</source>
        <translation>隐藏消息</translation>
    </message>
    <message>
        <source>Message bar</source>
        <translation>消息栏</translation>
    </message>
</context>
<context>
    <name>xr::NetworkPane</name>
    <message>
        <source>Show as &amp;table</source>
        <translation>以表格显示(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Export &amp;SVG…</source>
        <translation>导出 SVG(&amp;S)…</translation>
    </message>
    <message>
        <source>Export &amp;PNG…</source>
        <translation>导出 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>Network drawing</source>
        <translation>网络示意图</translation>
    </message>
    <message>
        <source>Physical NICs, bridges, VM interfaces and VMs from left to right. The same content is available as a table.</source>
        <translation>从左到右依次为物理网卡、网桥、虚拟网卡（vif）和虚拟机。同样的内容也可以以表格形式查看。</translation>
    </message>
    <message>
        <source>Network as a table</source>
        <translation>以表格显示网络</translation>
    </message>
    <message>
        <source>Findings:</source>
        <translation>检查结果：</translation>
    </message>
    <message>
        <source>Network findings</source>
        <translation>网络检查结果</translation>
    </message>
    <message>
        <source>Reading the network of %1…</source>
        <translation>正在读取 %1 的网络…</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n bridge(s)</source>
        <translation>
            <numerusform>%1：%n 个网桥</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n VM interface(s)</source>
        <translation>
            <numerusform>%n 个虚拟网卡</numerusform>
        </translation>
    </message>
    <message>
        <source>no problems found</source>
        <translation>未发现问题</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found</source>
        <translation>
            <numerusform>发现 %n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>read in part: %1</source>
        <translation>部分读取：%1</translation>
    </message>
    <message>
        <source>Physical NICs</source>
        <translation>物理网卡</translation>
    </message>
    <message>
        <source>Bridges</source>
        <translation>网桥</translation>
    </message>
    <message>
        <source>VM interfaces</source>
        <translation>虚拟网卡</translation>
    </message>
    <message>
        <source>VMs</source>
        <translation>虚拟机</translation>
    </message>
    <message>
        <source>VLAN %1</source>
        <translation>VLAN %1</translation>
    </message>
    <message>
        <source>NIC</source>
        <translation>网卡</translation>
    </message>
    <message>
        <source>Open vSwitch bridge</source>
        <translation>Open vSwitch 网桥</translation>
    </message>
    <message>
        <source>Linux bridge</source>
        <translation>Linux 网桥</translation>
    </message>
    <message>
        <source>emulated NIC (domain %1)</source>
        <translation>模拟网卡（域 %1）</translation>
    </message>
    <message>
        <source>VM interface (domain %1)</source>
        <translation>虚拟机网卡（域 %1）</translation>
    </message>
    <message>
        <source>VM, domain %1</source>
        <translation>虚拟机，域 %1</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>虚拟机</translation>
    </message>
    <message>
        <source>MTU %1</source>
        <translation>MTU %1</translation>
    </message>
    <message>
        <source>MAC %1</source>
        <translation>MAC %1</translation>
    </message>
    <message>
        <source>No bridge could be read on this host.</source>
        <translation>无法读取这台主机上的任何网桥。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Connected to</source>
        <translation>连接到</translation>
    </message>
    <message>
        <source>MAC</source>
        <translation>MAC</translation>
    </message>
    <message>
        <source>VLAN</source>
        <translation>VLAN</translation>
    </message>
    <message>
        <source>MTU</source>
        <translation>MTU</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>检查发现</translation>
    </message>
    <message>
        <source>VM interface</source>
        <translation>虚拟机网卡</translation>
    </message>
    <message>
        <source>No problems found by the network checks (uplinks, anti-spoofing, interface names, fixed MACs, empty bridges).</source>
        <translation>网络检查（上行链路、防欺骗、接口名称、固定 MAC、空网桥）未发现问题。</translation>
    </message>
    <message>
        <source>Network of %1</source>
        <translation>%1 的网络</translation>
    </message>
    <message>
        <source>Drawn by XenRescue</source>
        <translation>由 XenRescue 绘制</translation>
    </message>
    <message>
        <source>Export SVG</source>
        <translation>导出 SVG</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>导出 PNG</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Could not save %1</source>
        <translation>无法保存 %1</translation>
    </message>
</context>
<context>
    <name>xr::NetworkParsers</name>
    <message>
        <source>The output of %1 lists no interface.</source>
        <translation>%1 的输出中没有列出任何接口。</translation>
    </message>
    <message>
        <source>Bridge &quot;%1&quot; is listed twice.</source>
        <translation>网桥“%1”出现了两次。</translation>
    </message>
    <message>
        <source>Interface &quot;%1&quot; is listed twice.</source>
        <translation>接口“%1”出现了两次。</translation>
    </message>
    <message>
        <source>This is not brctl show output (no &quot;bridge name&quot; header and no bridge).</source>
        <translation>这不是 brctl show 的输出（没有“bridge name”表头，也没有网桥）。</translation>
    </message>
    <message>
        <source>The header line (bridge name, bridge id ...) is missing.</source>
        <translation>缺少表头行（bridge name, bridge id ...）。</translation>
    </message>
    <message>
        <source>This is not ovs-vsctl show output (no Bridge block, no ovs_version).</source>
        <translation>这不是 ovs-vsctl show 的输出（没有 Bridge 块，也没有 ovs_version）。</translation>
    </message>
    <message>
        <source>This is not ovs-vsctl list-br output: %1</source>
        <translation>这不是 ovs-vsctl list-br 的输出：%1</translation>
    </message>
</context>
<context>
    <name>xr::NetworkTopology</name>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 was read only in part; the drawing may miss something.</source>
        <translation>%1 只读取到一部分；绘制的拓扑图可能有遗漏。</translation>
    </message>
    <message>
        <source>Neither brctl nor ovs-vsctl answered: no bridge can be drawn.</source>
        <translation>brctl 和 ovs-vsctl 均无响应：无法绘制任何网桥。</translation>
    </message>
    <message>
        <source>Bridge %1 has no interfaces</source>
        <translation>网桥 %1 上没有任何接口</translation>
    </message>
    <message>
        <source>Nothing is attached to this bridge: no physical NIC and no VM. A guest configured for it reaches nobody. Attach the host&apos;s NIC (or a VLAN interface) to it, or point the guests&apos; vif lines at the bridge that carries the traffic.</source>
        <translation>这个网桥上没有连接任何东西：既没有物理网卡，也没有虚拟机。配置到该网桥的虚拟机无法与任何对象通信。请将主机的物理网卡（或某个 VLAN 接口）连接到该网桥，或者让虚拟机的 vif 配置行指向实际承载流量的网桥。</translation>
    </message>
    <message>
        <source>VMs on bridge %1 have no way out</source>
        <translation>网桥 %1 上的虚拟机没有对外出口</translation>
    </message>
    <message>
        <source>The bridge holds VM interfaces but no physical NIC, so these VMs reach only each other on this host. Unless it is meant as a private network, put the uplink NIC (for example eth0 or peth0) on the same bridge as the VMs&apos; vifs, or move the vifs to the bridge that has it.</source>
        <translation>该网桥上有虚拟机网卡，但没有物理网卡，因此这些虚拟机只能与本主机上的彼此通信。除非它本来就是私有网络，否则请将上行物理网卡（例如 eth0 或 peth0）放到与虚拟机 vif 相同的网桥上，或将这些 vif 移到连有该网卡的网桥上。</translation>
    </message>
    <message>
        <source>Anti-spoofing rules exist but bridged traffic bypasses iptables</source>
        <translation>防欺骗规则已存在，但桥接流量绕过了 iptables</translation>
    </message>
    <message>
        <source>iptables holds per-vif rules (--physdev-in) that should stop guests from using addresses that are not theirs, but net.bridge.bridge-nf-call-iptables is %1, so frames crossing the bridge never reach those rules. Load br_netfilter and set it to 1 (sysctl -w net.bridge.bridge-nf-call-iptables=1, and in /etc/sysctl.conf).</source>
        <translation>iptables 中有按 vif 设置的规则（--physdev-in），用于阻止虚拟机使用不属于自己的地址，但 net.bridge.bridge-nf-call-iptables 的值为 %1，因此经过网桥的帧永远不会经过这些规则。请加载 br_netfilter 并将其设置为 1（sysctl -w net.bridge.bridge-nf-call-iptables=1，并写入 /etc/sysctl.conf）。</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>Interface name %1 of %2 is too long</source>
        <translation>%2 的接口名称 %1 过长</translation>
    </message>
    <message>
        <source>The kernel keeps %1 characters of an interface name; &quot;%2&quot; has %3. Depending on the tools it is cut to &quot;%4&quot; or the interface is not created, and scripts or firewall rules that use the full name miss it. Choose a vifname of at most %1 characters in %5.</source>
        <translation>内核只保留接口名称的 %1 个字符；“%2”有 %3 个字符。视所用工具而定，它会被截断为“%4”，或者接口根本不会被创建，而使用完整名称的脚本或防火墙规则将无法匹配到它。请在 %5 中选择一个最多 %1 个字符的 vifname。</translation>
    </message>
    <message>
        <source>Interface %1 of %2 has no fixed MAC address</source>
        <translation>%2 的接口 %1 没有固定的 MAC 地址</translation>
    </message>
    <message>
        <source>Without mac= in its vif line the guest gets a new random MAC at every start, so the guest&apos;s udev numbers its NIC anew (eth1, eth2, ...) and its network settings stop applying. Add a fixed mac=00:16:3e:xx:xx:xx (the XenSource range) to the vif line in %1.</source>
        <translation>vif 配置行中没有 mac= 时，虚拟机每次启动都会获得一个新的随机 MAC，于是虚拟机中的 udev 会为网卡重新编号（eth1、eth2、...），其网络设置随之失效。请在 %1 的 vif 配置行中添加固定的 mac=00:16:3e:xx:xx:xx（XenSource 地址段）。</translation>
    </message>
</context>
<context>
    <name>xr::OverviewPage</name>
    <message>
        <source>Select a host or VM</source>
        <translation>请选择主机或虚拟机</translation>
    </message>
    <message>
        <source>Select a host or VM in the tree to see its state here: what xapi and the hypervisor each report, what is stuck, and the safest next step.</source>
        <translation>在左侧树中选择主机或虚拟机，这里会显示它的状态：xapi 和 hypervisor 各自报告的情况、卡住的环节，以及最安全的下一步操作。</translation>
    </message>
    <message>
        <source>No hosts yet</source>
        <translation>还没有主机</translation>
    </message>
    <message>
        <source>Connect to a host to start: choose Connect… (%1) and give the address of a XenServer, XCP-ng or Xen dom0. XenRescue talks to it over SSH.</source>
        <translation>请先连接一台主机：选择“连接…”（%1），并输入 XenServer、XCP-ng 或 Xen dom0 的地址。XenRescue 通过 SSH 与它通信。</translation>
    </message>
    <message>
        <source>no record</source>
        <translation>无记录</translation>
    </message>
    <message>
        <source>unknown: xapi is not answering (last known: %1)</source>
        <translation>未知：xapi 无响应（最后已知状态：%1）</translation>
    </message>
    <message>
        <source>xapi says</source>
        <translation>xapi 记录</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>shut down</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>已崩溃</translation>
    </message>
    <message>
        <source>dying</source>
        <translation>正在销毁（dying）</translation>
    </message>
    <message>
        <source>domain %1, state %2 (%3)</source>
        <translation>域 %1，状态 %2（%3）</translation>
    </message>
    <message>
        <source>runnable</source>
        <translation>可运行</translation>
    </message>
    <message>
        <source>no domain</source>
        <translation>无域</translation>
    </message>
    <message>
        <source>unknown (no listing from the host yet)</source>
        <translation>未知（尚未从主机获取域列表）</translation>
    </message>
    <message>
        <source>hypervisor</source>
        <translation>hypervisor</translation>
    </message>
    <message>
        <source>resident on</source>
        <translation>所在主机</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>current operations</source>
        <translation>当前操作</translation>
    </message>
    <message>
        <source>pending task</source>
        <translation>未完成的任务</translation>
    </message>
    <message>
        <source>%1 · %2 · started %3 ago</source>
        <translation>%1 · %2 · %3前开始</translation>
    </message>
    <message>
        <source>progress unknown</source>
        <translation>进度未知</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message numerus="yes">
        <source>%n vCPU(s)</source>
        <translation>
            <numerusform>%n 个 vCPU</numerusform>
        </translation>
    </message>
    <message>
        <source>size</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Both views agree; nothing looks wrong.</source>
        <translation>两方报告的状态一致；未发现异常。</translation>
    </message>
    <message>
        <source>master</source>
        <translation>池主节点</translation>
    </message>
    <message>
        <source>members</source>
        <translation>成员主机</translation>
    </message>
    <message>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
</context>
<context>
    <name>xr::OvsShowReader</name>
    <message>
        <source>The name on this line is cut or empty.</source>
        <translation>这一行上的名称不完整或为空。</translation>
    </message>
    <message>
        <source>Port &quot;%1&quot; lists no interface; the output may be cut.</source>
        <translation>端口“%1”下没有列出接口；输出可能被截断了。</translation>
    </message>
    <message>
        <source>Unexpected &quot;%1&quot; outside a bridge.</source>
        <translation>在网桥之外出现了意外的“%1”。</translation>
    </message>
    <message>
        <source>The VLAN tag &quot;%1&quot; is not a number from 0 to 4095.</source>
        <translation>VLAN 标签“%1”不是 0 到 4095 之间的数字。</translation>
    </message>
    <message>
        <source>The trunk list &quot;%1&quot; cannot be read.</source>
        <translation>无法读取 trunk 列表“%1”。</translation>
    </message>
    <message>
        <source>The options &quot;%1&quot; cannot be read.</source>
        <translation>无法读取选项“%1”。</translation>
    </message>
    <message>
        <source>A bridge inside another block: &quot;%1&quot;.</source>
        <translation>网桥出现在另一个块内部：“%1”。</translation>
    </message>
    <message>
        <source>Bridge &quot;%1&quot; is listed twice.</source>
        <translation>网桥“%1”出现了两次。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not where ovs-vsctl prints it.</source>
        <translation>“%1”不在 ovs-vsctl 输出它的位置上。</translation>
    </message>
    <message>
        <source>A port outside a bridge: &quot;%1&quot;.</source>
        <translation>端口位于网桥之外：“%1”。</translation>
    </message>
    <message>
        <source>An interface outside a port: &quot;%1&quot;.</source>
        <translation>接口位于端口之外：“%1”。</translation>
    </message>
    <message>
        <source>The ovs_version line that ends ovs-vsctl show is missing; the listing may be incomplete.</source>
        <translation>缺少 ovs-vsctl show 末尾的 ovs_version 行；列表可能不完整。</translation>
    </message>
</context>
<context>
    <name>xr::ParseReport</name>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message numerus="yes">
        <source>(%n more issue(s) not shown)</source>
        <translation>
            <numerusform>（另有 %n 个问题未显示）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xr::Parsers</name>
    <message>
        <source>This is binary data, not %1 output.</source>
        <translation>这是二进制数据，不是 %1 的输出。</translation>
    </message>
    <message>
        <source>The output of %1 is empty.</source>
        <translation>%1 的输出为空。</translation>
    </message>
    <message>
        <source>The output ends in the middle of a line; it was probably cut off.</source>
        <translation>输出在一行的中间结束；可能被截断了。</translation>
    </message>
    <message>
        <source>More than %1 entries: this is not real output; the rest was not read.</source>
        <translation>条目超过 %1 个：这不是真实的输出；其余部分未读取。</translation>
    </message>
    <message>
        <source>This line is not part of %1 output: &quot;%2&quot;.</source>
        <translation>这一行不属于 %1 的输出：“%2”。</translation>
    </message>
</context>
<context>
    <name>xr::PoolMonitor</name>
    <message>
        <source>xapi refuses connections on %1 (%2 s): showing what the hypervisor runs</source>
        <translation>%1 上的 xapi 拒绝连接（%2 秒）：显示的是 hypervisor 中实际运行的内容</translation>
    </message>
    <message>
        <source>xapi is not answering on %1 (%2 s): showing what the hypervisor runs</source>
        <translation>%1 上的 xapi 无响应（%2 秒）：显示的是 hypervisor 中实际运行的内容</translation>
    </message>
</context>
<context>
    <name>xr::PoolTreeModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>State (xapi)</source>
        <translation>状态（xapi）</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>域</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>domain %1</source>
        <translation>域 %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>unknown (was %1)</source>
        <translation>未知（之前为%1）</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>已过时</translation>
    </message>
    <message>
        <source>xapi: %1</source>
        <translation>xapi：%1</translation>
    </message>
    <message>
        <source>no record</source>
        <translation>无记录</translation>
    </message>
    <message>
        <source>Hypervisor: domain %1, flags %2</source>
        <translation>hypervisor：域 %1，标志 %2</translation>
    </message>
    <message>
        <source>Hypervisor: no domain</source>
        <translation>hypervisor：无域</translation>
    </message>
    <message>
        <source>Hypervisor: not known (the host is not connected)</source>
        <translation>hypervisor：未知（未连接到该主机）</translation>
    </message>
    <message>
        <source>The connection to its host was lost: this is the last state seen.</source>
        <translation>与其所在主机的连接已断开：这是最后一次看到的状态。</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>not connected, dead in xapi</source>
        <translation>未连接，xapi 中记录为失效</translation>
    </message>
    <message>
        <source>xapi %1</source>
        <translation>xapi %1</translation>
    </message>
    <message>
        <source>%1 (master)</source>
        <translation>%1（池主节点）</translation>
    </message>
    <message>
        <source>dead in xapi</source>
        <translation>xapi 中记录为失效</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <source>xapi does not answer: xe commands time out. The VMs show what the hypervisor runs.</source>
        <translation>xapi 无响应：xe 命令超时。虚拟机显示的是 hypervisor 中实际运行的情况。</translation>
    </message>
    <message>
        <source>xapi refuses connections: it is not running. The VMs show what the hypervisor runs.</source>
        <translation>xapi 拒绝连接：它没有在运行。虚拟机显示的是 hypervisor 中实际运行的情况。</translation>
    </message>
    <message>
        <source>xapi answers, but slowly.</source>
        <translation>xapi 有响应，但速度很慢。</translation>
    </message>
    <message>
        <source>master: %1</source>
        <translation>池主节点：%1</translation>
    </message>
    <message>
        <source>Pool %1, master %2</source>
        <translation>资源池 %1，池主节点 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n VM(s) need attention</source>
        <translation>
            <numerusform>%n 台虚拟机需要处理</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xr::PractiseDialog</name>
    <message>
        <source>Practise a Rescue</source>
        <translation>练习救援</translation>
    </message>
    <message>
        <source>Choose a lab pool to practise on. It runs inside XenRescue: no host is contacted and nothing you do there is real. Starting a scenario replaces the lab pool shown now with a fresh one.</source>
        <translation>选择一个实验资源池进行练习。它在 XenRescue 内部运行：不会连接任何主机，您在其中的操作都不是真实的。启动一个场景会用全新的资源池替换当前显示的实验资源池。</translation>
    </message>
    <message>
        <source>Practice scenarios</source>
        <translation>练习场景</translation>
    </message>
    <message>
        <source>&amp;Start Practice</source>
        <translation>开始练习(&amp;S)</translation>
    </message>
</context>
<context>
    <name>xr::RescueRun</name>
    <message>
        <source>Rescue %1</source>
        <translation>救援 %1</translation>
    </message>
    <message>
        <source>Rescue %1 on %2</source>
        <translation>救援 %2 上的 %1</translation>
    </message>
    <message>
        <source>This VM is no longer in the tree: connect to its host again.</source>
        <translation>该虚拟机已不在树中：请重新连接到其所在主机。</translation>
    </message>
    <message>
        <source>No connected host of this VM&apos;s pool has been identified yet.</source>
        <translation>尚未确定该虚拟机所在资源池中任何已连接的主机。</translation>
    </message>
    <message>
        <source>Diagnosing: reading both views of the VM afresh.</source>
        <translation>正在诊断：重新读取该虚拟机两方面的状态（xapi 和 hypervisor）。</translation>
    </message>
    <message>
        <source>The connection to %1 was lost while reading the VM&apos;s state.</source>
        <translation>读取该虚拟机状态时，与 %1 的连接已断开。</translation>
    </message>
    <message>
        <source>xe vm-list did not answer within %1 s.</source>
        <translation>xe vm-list 未在 %1 秒内响应。</translation>
    </message>
    <message>
        <source>Check %1 (%2 s): %3</source>
        <translation>检查 %1（%2 秒）：%3</translation>
    </message>
    <message>
        <source>Confirmed: %1</source>
        <translation>已确认：%1</translation>
    </message>
    <message>
        <source>The domain is dying but something still holds it.</source>
        <translation>该域正在销毁（dying），但仍有东西占住它。</translation>
    </message>
    <message>
        <source>(no output)</source>
        <translation>（无输出）</translation>
    </message>
    <message>
        <source>The rung&apos;s effect did not show within %1 s. Last seen: %2</source>
        <translation>该步骤的效果未在 %1 秒内显现。最后看到的状态：%2</translation>
    </message>
    <message>
        <source>Recommended next: rung %1, %2.</source>
        <translation>建议下一步：步骤 %1，%2。</translation>
    </message>
    <message>
        <source>xapi: %1</source>
        <translation>xapi：%1</translation>
    </message>
    <message>
        <source>xapi says %1</source>
        <translation>xapi 显示为 %1</translation>
    </message>
    <message>
        <source>domain: %1</source>
        <translation>域：%1</translation>
    </message>
    <message>
        <source>operations: %1</source>
        <translation>操作：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n pending task(s)</source>
        <translation>
            <numerusform>%n 个未完成的任务</numerusform>
        </translation>
    </message>
    <message>
        <source>The confirmation was given for another rung.</source>
        <translation>该确认是针对另一个步骤给出的。</translation>
    </message>
    <message>
        <source>Tick the box that names the consequence first.</source>
        <translation>请先勾选说明后果的复选框。</translation>
    </message>
    <message>
        <source>Type the VM&apos;s name (or its UUID) exactly to confirm.</source>
        <translation>请准确输入虚拟机名称（或其 UUID）以确认。</translation>
    </message>
    <message>
        <source>Unknown risk.</source>
        <translation>风险未知。</translation>
    </message>
    <message>
        <source>The connection was lost: the diagnosis must run again before any rung.</source>
        <translation>连接已断开：执行任何步骤之前必须重新运行诊断。</translation>
    </message>
    <message>
        <source>Wait for the diagnosis to finish.</source>
        <translation>请等待诊断完成。</translation>
    </message>
    <message>
        <source>This rung does not exist for this host.</source>
        <translation>这台主机不存在此步骤。</translation>
    </message>
    <message>
        <source>This rung is never run by XenRescue: work through its checklist.</source>
        <translation>XenRescue 从不执行此步骤：请按其检查清单逐项操作。</translation>
    </message>
    <message>
        <source>This rung does not apply now.</source>
        <translation>此步骤当前不适用。</translation>
    </message>
    <message>
        <source>This rung has no command to run.</source>
        <translation>此步骤没有要执行的命令。</translation>
    </message>
    <message>
        <source>XenRescue is not connected to %1, where this rung runs: connect to it first.</source>
        <translation>XenRescue 未连接到 %1（此步骤在该主机上执行）：请先连接到该主机。</translation>
    </message>
    <message>
        <source>Rung %1 (%2, risk %3) confirmed; running on %4.</source>
        <translation>步骤 %1（%2，风险：%3）已确认；正在 %4 上执行。</translation>
    </message>
    <message>
        <source>Rung %1 (%2): the commands were run by hand; checking the result.</source>
        <translation>步骤 %1（%2）：命令已手动执行；正在检查结果。</translation>
    </message>
    <message>
        <source>Nothing was sent: %1</source>
        <translation>未发送任何命令：%1</translation>
    </message>
    <message>
        <source>The connection to %1 was lost during rung %2. Whether the command reached the host is not known, so nothing will be repeated: XenRescue diagnoses again once the host is back, and any rung then needs a new confirmation.</source>
        <translation>执行步骤 %2 期间，与 %1 的连接已断开。无法确定命令是否已到达主机，因此不会重复执行任何操作：主机恢复后 XenRescue 会重新诊断，届时执行任何步骤都需要重新确认。</translation>
    </message>
    <message>
        <source>The note in the host&apos;s system log could not be written; going on.</source>
        <translation>无法在主机的系统日志中写入记录；继续执行。</translation>
    </message>
    <message>
        <source>Stopped on the host. Whatever the command did before it was stopped stays done: the diagnosis below shows the state now.</source>
        <translation>已在主机上停止。命令在停止之前已经完成的操作不会撤销：下方的诊断显示当前状态。</translation>
    </message>
    <message>
        <source>The guest did not shut down within %1 s: a guest that ignores the request, or is hung, never does. The request may stay pending as a task; the ladder below shows what fits next.</source>
        <translation>虚拟机未在 %1 秒内关机：忽略关机请求或已挂起假死的虚拟机永远不会自行关机。该请求可能会作为任务一直处于未完成状态；下方的恢复步骤阶梯显示接下来适合的步骤。</translation>
    </message>
    <message>
        <source>The command did not finish within %1 s and was stopped.</source>
        <translation>命令未在 %1 秒内完成，已被停止。</translation>
    </message>
    <message>
        <source>The command could not be started: %1</source>
        <translation>无法启动命令：%1</translation>
    </message>
    <message>
        <source>The command failed (exit %1): %2</source>
        <translation>命令失败（退出码 %1）：%2</translation>
    </message>
    <message>
        <source>The commands finished.</source>
        <translation>命令已执行完毕。</translation>
    </message>
    <message>
        <source>Checking for up to %1 s: %2</source>
        <translation>最多检查 %1 秒：%2</translation>
    </message>
    <message>
        <source>Cancel requested: stopping the command on the host.</source>
        <translation>已请求取消：正在停止主机上的命令。</translation>
    </message>
    <message>
        <source>The check was stopped. The rung&apos;s commands had finished; the diagnosis below shows the state now.</source>
        <translation>检查已停止。该步骤的命令已经执行完毕；下方的诊断显示当前状态。</translation>
    </message>
    <message>
        <source>The host answers again: diagnosing afresh.</source>
        <translation>主机已重新响应：正在重新诊断。</translation>
    </message>
    <message>
        <source>The host is connected again: diagnosing afresh.</source>
        <translation>已重新连接到主机：正在重新诊断。</translation>
    </message>
    <message>
        <source>Worked</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>No effect in time</source>
        <translation>未及时生效</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>连接已断开</translation>
    </message>
    <message>
        <source>Domain still held</source>
        <translation>域仍被占住</translation>
    </message>
    <message>
        <source>Worked (run by hand)</source>
        <translation>成功（手动执行）</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <source>Left running on the host</source>
        <translation>保留在主机上继续运行</translation>
    </message>
    <message>
        <source>Type the VM&apos;s full UUID to confirm: %1</source>
        <translation>请输入虚拟机的完整 UUID 以确认：%1</translation>
    </message>
    <message>
        <source>The command was left running on %1: XenRescue no longer watches it, and its result is not known. The diagnosis below shows the state now; read it again before any other rung.</source>
        <translation>该命令已保留在 %1 上继续运行：XenRescue 不再跟踪它，其结果未知。下方的诊断显示当前状态；执行任何其他步骤之前，请重新读取状态。</translation>
    </message>
    <message>
        <source>Rung %1 (%2) confirmed, but the diagnosis is %3 s old: reading the VM&apos;s state again before running it.</source>
        <translation>步骤 %1（%2）已确认，但诊断结果已是 %3 秒之前的：执行之前，正在重新读取该虚拟机的状态。</translation>
    </message>
    <message>
        <source>After reading the VM&apos;s state again, rung %1 no longer applies</source>
        <translation>重新读取该虚拟机的状态后，步骤 %1 已不再适用</translation>
    </message>
    <message>
        <source>The VM&apos;s domain changed since rung %1 was confirmed (domain %2 then, %3 now): the VM was restarted or its domain went. Look at the fresh diagnosis and confirm again if the rung still fits.</source>
        <translation>自步骤 %1 确认以来，该虚拟机的域已发生变化（当时为域 %2，现在为 %3）：该虚拟机已重启，或其域已消失。请查看最新的诊断结果；如果该步骤仍然适用，请再次确认。</translation>
    </message>
    <message>
        <source>The fresh diagnosis still permits rung %1: running it.</source>
        <translation>最新的诊断结果仍允许执行步骤 %1：正在执行。</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>未发送任何命令。</translation>
    </message>
</context>
<context>
    <name>xr::RescueWizard</name>
    <message>
        <source>Checking… %1 s of %2 s: %3</source>
        <translation>正在检查… 第 %1 秒，共 %2 秒：%3</translation>
    </message>
    <message>
        <source>&lt;b&gt;Step 1: diagnosis.&lt;/b&gt; Both views of the VM, read afresh from the hosts.</source>
        <translation>&lt;b&gt;第 1 步：诊断。&lt;/b&gt;从主机重新读取的该虚拟机两方面的状态（xapi 和 hypervisor）。</translation>
    </message>
    <message>
        <source>&amp;Diagnose Again</source>
        <translation>重新诊断(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Show the Ladder &gt;</source>
        <translation>显示恢复步骤阶梯(&amp;S) &gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Step 2: the ladder.&lt;/b&gt; Least dangerous first. The recommended rung is selected; you may pick another one that applies.</source>
        <translation>&lt;b&gt;第 2 步：恢复步骤阶梯。&lt;/b&gt;危险性最低的排在最前。已选中推荐的步骤；您也可以选择其他适用的步骤。</translation>
    </message>
    <message>
        <source>Rung</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Recovery ladder</source>
        <translation>恢复步骤阶梯</translation>
    </message>
    <message>
        <source>Open the checklist for &quot;%1&quot; &gt;</source>
        <translation>打开“%1”的检查清单 &gt;</translation>
    </message>
    <message>
        <source>Use &quot;%1&quot; &gt;</source>
        <translation>使用“%1” &gt;</translation>
    </message>
    <message>
        <source>Not now:</source>
        <translation>当前不适用：</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 返回(&amp;B)</translation>
    </message>
    <message>
        <source>Use &gt;</source>
        <translation>使用 &gt;</translation>
    </message>
    <message>
        <source>Exact commands</source>
        <translation>确切命令</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>The commands are on the clipboard.</source>
        <translation>命令已复制到剪贴板。</translation>
    </message>
    <message>
        <source>&amp;Only show me the commands: I will type them myself, then XenRescue checks</source>
        <translation>只显示命令：我自己输入执行，之后由 XenRescue 检查(&amp;O)</translation>
    </message>
    <message>
        <source>Type the VM&apos;s name to confirm</source>
        <translation>输入虚拟机名称以确认</translation>
    </message>
    <message>
        <source>&lt; &amp;Back to the Ladder</source>
        <translation>&lt; 返回恢复步骤阶梯(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>执行(&amp;R)</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>执行记录</translation>
    </message>
    <message>
        <source>I Ran Them: &amp;Check Now</source>
        <translation>我已执行：立即检查(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Result &gt;</source>
        <translation>结果(&amp;R) &gt;</translation>
    </message>
    <message>
        <source>The command has been running for %1 s; it is stopped after %2 s. Stop ends it on the host now.</source>
        <translation>命令已运行 %1 秒；运行满 %2 秒后将被停止。点击“停止”可立即在主机上结束它。</translation>
    </message>
    <message>
        <source>&amp;Export Transcript…</source>
        <translation>导出执行记录(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>执行记录(&amp;T)</translation>
    </message>
    <message>
        <source>&lt; &amp;Ladder</source>
        <translation>&lt; 恢复步骤阶梯(&amp;L)</translation>
    </message>
    <message>
        <source>S&amp;tart the VM Again</source>
        <translation>重新启动虚拟机(&amp;T)</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Ladder</source>
        <translation>恢复步骤阶梯</translation>
    </message>
    <message>
        <source>Run and check</source>
        <translation>执行并检查</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>step %1 of %2: %3</source>
        <translation>第 %1 步，共 %2 步：%3</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>虚拟机</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <source>xapi believes</source>
        <translation>xapi 认为</translation>
    </message>
    <message>
        <source>unknown: xapi is %1</source>
        <translation>未知：xapi %1</translation>
    </message>
    <message>
        <source>The hypervisor runs</source>
        <translation>hypervisor 实际运行</translation>
    </message>
    <message>
        <source> (dying: a backend still holds it)</source>
        <translation> （dying：仍有后端占住它）</translation>
    </message>
    <message>
        <source>Current operations</source>
        <translation>当前操作</translation>
    </message>
    <message>
        <source>pending %1</source>
        <translation>等待中 %1</translation>
    </message>
    <message>
        <source>, %1% done</source>
        <translation>，已完成 %1%</translation>
    </message>
    <message>
        <source>, cannot be cancelled</source>
        <translation>，无法取消</translation>
    </message>
    <message>
        <source>Pending tasks</source>
        <translation>未完成的任务</translation>
    </message>
    <message>
        <source>Resident host</source>
        <translation>所在主机</translation>
    </message>
    <message>
        <source> (not live)</source>
        <translation> （不在线）</translation>
    </message>
    <message>
        <source>xapi health (pool)</source>
        <translation>xapi 健康状况（资源池）</translation>
    </message>
    <message>
        <source>xapi on the resident host</source>
        <translation>所在主机上的 xapi</translation>
    </message>
    <message>
        <source>Pool master</source>
        <translation>池主节点</translation>
    </message>
    <message>
        <source>High availability</source>
        <translation>高可用性 (HA)</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Reading the VM&apos;s state from the hosts…</source>
        <translation>正在从主机读取该虚拟机的状态…</translation>
    </message>
    <message>
        <source>Reading again…</source>
        <translation>正在重新读取…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>checklist only: never run by XenRescue</source>
        <translation>仅检查清单：XenRescue 从不执行</translation>
    </message>
    <message>
        <source>not now: %1</source>
        <translation>当前不适用：%1</translation>
    </message>
    <message>
        <source>tried: worked</source>
        <translation>已尝试：成功</translation>
    </message>
    <message>
        <source>tried: no effect</source>
        <translation>已尝试：无效果</translation>
    </message>
    <message>
        <source>tried: %1</source>
        <translation>已尝试：%1</translation>
    </message>
    <message>
        <source>◀ recommended</source>
        <translation>◀ 推荐</translation>
    </message>
    <message>
        <source>◀ recommended; %1</source>
        <translation>◀ 推荐；%1</translation>
    </message>
    <message>
        <source>Rung %1: %2</source>
        <translation>步骤 %1：%2</translation>
    </message>
    <message>
        <source>Risk: %1</source>
        <translation>风险：%1</translation>
    </message>
    <message>
        <source>What can be lost:</source>
        <translation>可能丢失的内容：</translation>
    </message>
    <message>
        <source>Afterwards XenRescue checks:</source>
        <translation>执行后 XenRescue 会检查：</translation>
    </message>
    <message>
        <source>Runs on %1 (as root, over SSH). A note goes to that host&apos;s system log first (logger -t xenrescue).</source>
        <translation>在 %1 上执行（以 root 身份，通过 SSH）。执行前会先在该主机的系统日志中写入一条记录（logger -t xenrescue）。</translation>
    </message>
    <message>
        <source>Runs on %1 (as root, over SSH).</source>
        <translation>在 %1 上执行（以 root 身份，通过 SSH）。</translation>
    </message>
    <message>
        <source>this rung changes the VM&apos;s state</source>
        <translation>此步骤会改变该虚拟机的状态</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 risk.&lt;/b&gt; Type the VM&apos;s name &lt;b&gt;%2&lt;/b&gt; (or its UUID) to confirm:</source>
        <translation>&lt;b&gt;风险：%1。&lt;/b&gt;输入虚拟机名称 &lt;b&gt;%2&lt;/b&gt;（或其 UUID）以确认：</translation>
    </message>
    <message>
        <source>I Will Run Them &amp;Myself &gt;</source>
        <translation>我自己执行(&amp;M) &gt;</translation>
    </message>
    <message>
        <source>&amp;Run Rung %1</source>
        <translation>执行步骤 %1(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Connect to %1</source>
        <translation>连接到 %1(&amp;C)</translation>
    </message>
    <message>
        <source>Wait for the diagnosis to finish.</source>
        <translation>请等待诊断完成。</translation>
    </message>
    <message>
        <source>XenRescue is not connected to the host this rung runs on.</source>
        <translation>XenRescue 未连接到执行此步骤的主机。</translation>
    </message>
    <message>
        <source>Run these commands on %1 yourself, then press &quot;I Ran Them: Check Now&quot;:
%2</source>
        <translation>请自行在 %1 上执行以下命令，然后点击“我已执行：立即检查”：
%2</translation>
    </message>
    <message>
        <source>Running rung %1 (%2)…</source>
        <translation>正在执行步骤 %1（%2）…</translation>
    </message>
    <message>
        <source>&amp;Stop Checking</source>
        <translation>停止检查(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Stop the Command</source>
        <translation>停止命令(&amp;S)</translation>
    </message>
    <message>
        <source>The commands finished. Checking that the rung took effect…</source>
        <translation>命令已执行完毕。正在检查该步骤是否生效…</translation>
    </message>
    <message>
        <source>The connection was lost. Nothing will be repeated; XenRescue diagnoses again when the host is back, and any rung then needs a new confirmation.</source>
        <translation>连接已断开。不会重复执行任何操作；主机恢复后 XenRescue 会重新诊断，届时执行任何步骤都需要重新确认。</translation>
    </message>
    <message>
        <source>Finished. The transcript stays here; the result is on the next page.</source>
        <translation>已完成。执行记录保留在此页；结果显示在下一页。</translation>
    </message>
    <message>
        <source>Rung %1 (%2): %3</source>
        <translation>步骤 %1（%2）：%3</translation>
    </message>
    <message>
        <source>What fits next for this refusal: rung %1, %2.</source>
        <translation>针对此次拒绝，接下来适合的是：步骤 %1，%2。</translation>
    </message>
    <message>
        <source>Reading the state again…</source>
        <translation>正在重新读取状态…</translation>
    </message>
    <message>
        <source>The state now</source>
        <translation>当前状态</translation>
    </message>
    <message>
        <source>Next: Rung %1, %2 &gt;</source>
        <translation>下一步：步骤 %1，%2 &gt;</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export Transcript</source>
        <translation>导出执行记录</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>文本 (*.txt)</translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <source>Transcript saved to %1.</source>
        <translation>执行记录已保存到 %1。</translation>
    </message>
    <message>
        <source>A rung is running: stop it first (Stop), so that its outcome is on record.</source>
        <translation>有步骤正在执行：请先停止它（“停止”），以便记录其结果。</translation>
    </message>
    <message>
        <source>I understand what can be lost: %1</source>
        <translation>我了解可能丢失的内容：%1</translation>
    </message>
    <message>
        <source>Choose a rung first.</source>
        <translation>请先选择一个步骤。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 risk.&lt;/b&gt; Type this VM&apos;s full UUID &lt;b&gt;%2&lt;/b&gt; to confirm (its name will not do: %3):</source>
        <translation>&lt;b&gt;风险：%1。&lt;/b&gt;输入此虚拟机的完整 UUID &lt;b&gt;%2&lt;/b&gt; 以确认（不能使用其名称：%3）：</translation>
    </message>
</context>
<context>
    <name>xr::ScopeReader</name>
    <message>
        <source>Nothing sends commands.</source>
        <translation>未设置命令发送方。</translation>
    </message>
</context>
<context>
    <name>xr::SexpReader</name>
    <message>
        <source>This is binary data, not an s-expression.</source>
        <translation>这是二进制数据，不是 S 表达式。</translation>
    </message>
    <message>
        <source>The s-expression has more than %1 elements; it is too large to be xend output.</source>
        <translation>该 S 表达式的元素超过 %1 个；太大了，不可能是 xend 的输出。</translation>
    </message>
    <message>
        <source>Line %1: lists are nested more than %2 deep; this is not xend output.</source>
        <translation>第 %1 行：列表嵌套超过 %2 层；这不是 xend 的输出。</translation>
    </message>
    <message>
        <source>A closing parenthesis has no opening one.</source>
        <translation>有一个右括号没有对应的左括号。</translation>
    </message>
    <message>
        <source>A quoted string is not closed; the input was probably cut off.</source>
        <translation>有一个带引号的字符串没有闭合；输入可能被截断了。</translation>
    </message>
    <message numerus="yes">
        <source>%n list(s) not closed at the end of the input; it was probably cut off.</source>
        <translation>
            <numerusform>输入结束时仍有 %n 个列表未闭合；输入可能被截断了。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xr::SshHost</name>
    <message>
        <source>The connection was closed (the host was removed, or XenRescue is closing).</source>
        <translation>连接已关闭（主机已被移除，或 XenRescue 正在关闭）。</translation>
    </message>
    <message>
        <source>Left running on the host: the connection was closed (the host was removed, or XenRescue is closing).</source>
        <translation>已保留在主机上继续运行：连接已关闭（主机已被移除，或 XenRescue 正在关闭）。</translation>
    </message>
</context>
<context>
    <name>xr::TeardownPrompt</name>
    <message>
        <source>a command</source>
        <translation>一条命令</translation>
    </message>
    <message>
        <source>%1 of VM %2</source>
        <translation>虚拟机 %2 的%1</translation>
    </message>
    <message>
        <source>• %1 on %2, running for %3 s:
    %4</source>
        <translation>• %2 上的%1，已运行 %3 秒：
    %4</translation>
    </message>
    <message numerus="yes">
        <source>%n command(s) that change something still run:</source>
        <translation>
            <numerusform>仍有 %n 条会做出更改的命令正在运行：</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 now would end what XenRescue is doing on the host.

%2</source>
        <translation>此时%1，将会中断 XenRescue 正在主机上执行的操作。

%2</translation>
    </message>
    <message>
        <source>Stopping a command half-way can leave the host worse than before (a toolstack restart cut short can leave xapi stopped; a boot configuration update cut short can leave it half-written).

Wait for them: XenRescue goes on once they have finished.
Stop them now: they are stopped on the host.
Keep them running on the host: XenRescue stops watching them; check their result on the host.
Every choice is written to the audit log.</source>
        <translation>中途停止命令可能让主机处于比之前更糟的状态（中途被打断的 toolstack 重启可能让 xapi 处于停止状态；中途被打断的启动配置更新可能只写入了一半）。

等待它们完成：它们完成后，XenRescue 再继续。
立即停止它们：在主机上停止这些命令。
让它们在主机上继续运行：XenRescue 不再跟踪它们；请在主机上检查其结果。
每项选择都会写入审计日志。</translation>
    </message>
    <message>
        <source>&amp;Wait for Them</source>
        <translation>等待它们完成(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Stop Them Now</source>
        <translation>立即停止它们(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Keep Them Running on the Host</source>
        <translation>让它们在主机上继续运行(&amp;K)</translation>
    </message>
</context>
<context>
    <name>xr::ToolstackRestart</name>
    <message>
        <source>This does not look like the output of xe-toolstack-restart.</source>
        <translation>这看起来不像 xe-toolstack-restart 的输出。</translation>
    </message>
    <message>
        <source>The restart did not report &quot;done.&quot;: it may have been stopped or cut off.</source>
        <translation>重启过程没有报告“done.”：它可能被中途停止了，或输出被截断了。</translation>
    </message>
</context>
<context>
    <name>xr::Workspace</name>
    <message>
        <source>The VM&apos;s host is not connected.</source>
        <translation>该虚拟机所在的主机未连接。</translation>
    </message>
    <message>
        <source>The VM is no longer in the tree: nothing was sent.</source>
        <translation>该虚拟机已不在树中：未发送任何命令。</translation>
    </message>
    <message>
        <source>The VM&apos;s state could not be read again before sending (%1): nothing was sent.</source>
        <translation>发送之前无法重新读取该虚拟机的状态（%1）：未发送任何命令。</translation>
    </message>
    <message>
        <source>the connection to %1 was lost</source>
        <translation>与 %1 的连接已断开</translation>
    </message>
    <message>
        <source>its power state is now %1 (it was %2)</source>
        <translation>其电源状态现在为 %1（之前为 %2）</translation>
    </message>
    <message>
        <source>its domain is now %1 (it was %2)</source>
        <translation>其域现在为 %1（之前为 %2）</translation>
    </message>
    <message>
        <source>The VM changed since it was shown: %1. Nothing was sent; look at its state again and choose again.</source>
        <translation>该虚拟机在显示之后已发生变化：%1。未发送任何命令；请重新查看其状态，然后重新选择。</translation>
    </message>
</context>
<context>
    <name>xr::XapiBanner</name>
    <message>
        <source>Restart Toolstack…</source>
        <translation>重启 toolstack…</translation>
    </message>
    <message>
        <source>Opens the rescue wizard for a VM on that host: restarting the toolstack is rung 3 of the ladder, with its warning, exact command and check. Running VMs keep running.</source>
        <translation>为该主机上的某台虚拟机打开救援向导：重启 toolstack 是恢复步骤阶梯中的步骤 3，附有警告、确切命令和检查。运行中的虚拟机会继续运行。</translation>
    </message>
</context>
<context>
    <name>xr::XeError</name>
    <message>
        <source>A parameter value continues on this line.</source>
        <translation>参数值延续到了这一行。</translation>
    </message>
    <message>
        <source>The error message continues on this line.</source>
        <translation>错误消息延续到了这一行。</translation>
    </message>
    <message>
        <source>The parameter list of the error is not closed; it was probably cut off.</source>
        <translation>错误的参数列表没有闭合；可能被截断了。</translation>
    </message>
    <message>
        <source>The parameter &quot;%1&quot; appears twice; a value may contain a line break that imitates a parameter.</source>
        <translation>参数“%1”出现了两次；可能有某个值中包含换行符，伪装成了参数。</translation>
    </message>
    <message>
        <source>The output is too large for an error message; only its first MiB was read.</source>
        <translation>输出太大，不像是错误消息；只读取了前 1 MiB。</translation>
    </message>
    <message>
        <source>The command printed no error text.</source>
        <translation>命令没有输出错误文本。</translation>
    </message>
    <message>
        <source>This is binary data, not an error message.</source>
        <translation>这是二进制数据，不是错误消息。</translation>
    </message>
    <message>
        <source>Further output after the error was not read: &quot;%1&quot;.</source>
        <translation>错误之后的其余输出未读取：“%1”。</translation>
    </message>
    <message>
        <source>The error message is not one this version knows; its code is unknown.</source>
        <translation>此版本不认识该错误消息；其错误代码未知。</translation>
    </message>
    <message>
        <source>This does not look like an xe error message: &quot;%1&quot;.</source>
        <translation>这看起来不像 xe 的错误消息：“%1”。</translation>
    </message>
</context>
<context>
    <name>xr::XeMinimal</name>
    <message>
        <source>This is binary data, not xe --minimal output.</source>
        <translation>这是二进制数据，不是 xe --minimal 的输出。</translation>
    </message>
    <message>
        <source>Unexpected extra line after the list: &quot;%1&quot;.</source>
        <translation>列表之后出现了意外的额外行：“%1”。</translation>
    </message>
    <message>
        <source>The list ends with a lone backslash; it was probably cut off.</source>
        <translation>列表以一个单独的反斜杠结尾；可能被截断了。</translation>
    </message>
    <message>
        <source>Value %1 of the list is empty.</source>
        <translation>列表中的第 %1 个值为空。</translation>
    </message>
    <message>
        <source>The output ends in the middle of a line; it was probably cut off.</source>
        <translation>输出在一行的中间结束；可能被截断了。</translation>
    </message>
</context>
<context>
    <name>xr::XeRecords</name>
    <message>
        <source>The field &quot;%1&quot; appears twice in one record; a value may contain a line break that imitates a field.</source>
        <translation>字段“%1”在同一条记录中出现了两次；可能有某个值中包含换行符，伪装成了字段。</translation>
    </message>
    <message>
        <source>The value of &quot;%1&quot; continues on this line.</source>
        <translation>“%1”的值延续到了这一行。</translation>
    </message>
    <message>
        <source>This is binary data, not xe output.</source>
        <translation>这是二进制数据，不是 xe 的输出。</translation>
    </message>
    <message>
        <source>This line is not part of an xe record: &quot;%1&quot;.</source>
        <translation>这一行不属于 xe 记录：“%1”。</translation>
    </message>
    <message>
        <source>The output holds no xe record (expected lines such as &quot;uuid ( RO): ...&quot;).</source>
        <translation>输出中没有 xe 记录（应包含类似“uuid ( RO): ...”的行）。</translation>
    </message>
    <message>
        <source>The output ends in the middle of a line; it was probably cut off.</source>
        <translation>输出在一行的中间结束；可能被截断了。</translation>
    </message>
    <message>
        <source>This record&apos;s name-label holds a line break: the lines after it may imitate fields or records.</source>
        <translation>此记录的 name-label 中包含换行符：其后的行可能伪装成字段或记录。</translation>
    </message>
    <message>
        <source>The uuid %1 appears in %2 records: one of them was printed by another record&apos;s value.</source>
        <translation>uuid %1 出现在 %2 条记录中：其中一条是由另一条记录的值输出的。</translation>
    </message>
    <message>
        <source>This record&apos;s fields are not those of the other records: a value with line breaks may have cut it or printed it.</source>
        <translation>此记录的字段与其他记录的不一致：可能有包含换行符的值截断了它，或输出了它。</translation>
    </message>
    <message>
        <source>The next record looks forged, and this record&apos;s value may be what printed it.</source>
        <translation>下一条记录看起来是伪造的，可能正是此记录的值输出了它。</translation>
    </message>
</context>
<context>
    <name>xr::XenInfo</name>
    <message>
        <source>The output of xl/xm info is empty.</source>
        <translation>xl/xm info 的输出为空。</translation>
    </message>
    <message>
        <source>This is binary data, not xl/xm info output.</source>
        <translation>这是二进制数据，不是 xl/xm info 的输出。</translation>
    </message>
    <message>
        <source>More than %1 keys: this is not xl/xm info output; the rest was not read.</source>
        <translation>键超过 %1 个：这不是 xl/xm info 的输出；其余部分未读取。</translation>
    </message>
    <message>
        <source>The key &quot;%1&quot; appears twice.</source>
        <translation>键“%1”出现了两次。</translation>
    </message>
    <message>
        <source>The value of &quot;%1&quot; continues on this line.</source>
        <translation>“%1”的值延续到了这一行。</translation>
    </message>
    <message>
        <source>This line is not &quot;key : value&quot;: &quot;%1&quot;.</source>
        <translation>这一行不是“key : value”格式：“%1”。</translation>
    </message>
    <message>
        <source>The output holds no &quot;key : value&quot; line of xl/xm info.</source>
        <translation>输出中没有 xl/xm info 的“key : value”行。</translation>
    </message>
    <message>
        <source>The output ends in the middle of a line; it was probably cut off.</source>
        <translation>输出在一行的中间结束；可能被截断了。</translation>
    </message>
</context>
<context>
    <name>xr::XlConfParser</name>
    <message>
        <source>xl cannot parse this line (near &quot;%1&quot;) and skips it.</source>
        <translation>xl 无法解析这一行（“%1”附近），会跳过它。</translation>
    </message>
    <message>
        <source>The value of &quot;%1&quot; is not quoted: xl rejects the line and ignores the setting (write %1=&quot;%2&quot;).</source>
        <translation>“%1”的值没有加引号：xl 会拒绝这一行并忽略该设置（应写为 %1=&quot;%2&quot;）。</translation>
    </message>
    <message>
        <source>The string value of &quot;%1&quot; has no closing quote.</source>
        <translation>“%1”的字符串值缺少右引号。</translation>
    </message>
    <message>
        <source>xl does not know autoballoon &quot;%1&quot; and uses &quot;auto&quot;.</source>
        <translation>xl 不认识 autoballoon 值“%1”，将使用“auto”。</translation>
    </message>
    <message>
        <source>autoballoon is set again; xl uses the last setting.</source>
        <translation>autoballoon 被重复设置；xl 使用最后一个设置。</translation>
    </message>
</context>
<context>
    <name>xr::XlParsers</name>
    <message>
        <source>xl uptime lists no domain.</source>
        <translation>xl uptime 没有列出任何域。</translation>
    </message>
    <message>
        <source>This is not an xl uptime table: &quot;%1&quot;.</source>
        <translation>这不是 xl uptime 的表格：“%1”。</translation>
    </message>
    <message>
        <source>The header line (Name ID Uptime) is missing.</source>
        <translation>缺少表头行（Name ID Uptime）。</translation>
    </message>
    <message>
        <source>The affinity of vCPU %1 of &quot;%2&quot; is missing.</source>
        <translation>“%2”的 vCPU %1 缺少亲和性（affinity）信息。</translation>
    </message>
    <message>
        <source>The output of xl vcpu-list lists no vCPU.</source>
        <translation>xl vcpu-list 的输出中没有列出任何 vCPU。</translation>
    </message>
    <message>
        <source>The header line (Name ID VCPU CPU State ...) is missing.</source>
        <translation>缺少表头行（Name ID VCPU CPU State ...）。</translation>
    </message>
    <message>
        <source>The output of xl list -l is larger than %1 MiB; no real host prints that much.</source>
        <translation>xl list -l 的输出超过 %1 MiB；真实的主机不会输出这么多内容。</translation>
    </message>
    <message>
        <source>This is s-expression output (xl list -l with output_format=&quot;sxp&quot; or xm list -l), not JSON.</source>
        <translation>这是 S 表达式格式的输出（设置了 output_format=&quot;sxp&quot; 的 xl list -l，或 xm list -l），不是 JSON。</translation>
    </message>
    <message>
        <source>The output of xl list -l is not valid JSON (at byte %1: %2); it may be cut off.</source>
        <translation>xl list -l 的输出不是有效的 JSON（第 %1 字节处：%2）；可能被截断了。</translation>
    </message>
    <message>
        <source>Item %1 of the list is not a domain object.</source>
        <translation>列表中的第 %1 项不是域对象。</translation>
    </message>
    <message>
        <source>Domain %1 of the list has no domid or no name.</source>
        <translation>列表中的第 %1 个域没有 domid 或名称。</translation>
    </message>
    <message>
        <source>The JSON holds no domain.</source>
        <translation>JSON 中没有任何域。</translation>
    </message>
    <message>
        <source>This is not xl/xm dmesg output: no line starts with &quot;(XEN)&quot;.</source>
        <translation>这不是 xl/xm dmesg 的输出：没有以“(XEN)”开头的行。</translation>
    </message>
</context>
<context>
    <name>xr::cli</name>
    <message>
        <source>The host key of %1 has CHANGED (%2 %3). XenRescue refuses to connect: verify the key with the host&apos;s administrator, then remove the old entry from %4.</source>
        <translation>%1 的主机密钥已变更（%2 %3）。XenRescue 拒绝连接：请先与该主机的管理员核实密钥，然后从 %4 中删除旧条目。</translation>
    </message>
    <message>
        <source>The host key of %1 is not known: %2 %3. xenrescue-cli never accepts a key on its own: connect once from the XenRescue window and accept it there, or add it to ~/.ssh/known_hosts after checking the fingerprint.</source>
        <translation>%1 的主机密钥未知：%2 %3。xenrescue-cli 从不自行接受密钥：请先从 XenRescue 窗口连接一次并在那里接受，或在核对指纹后将其加入 ~/.ssh/known_hosts。</translation>
    </message>
    <message>
        <source>%1 needs a password or passphrase and standard input is not a terminal: store it in the keychain from the XenRescue window, or use ssh-agent or a key.</source>
        <translation>%1 需要密码或私钥口令，但标准输入不是终端：请在 XenRescue 窗口中将其保存到系统密钥环（钥匙串），或使用 ssh-agent 或密钥。</translation>
    </message>
    <message>
        <source>Passphrase for %1:</source>
        <translation>%1 的口令：</translation>
    </message>
    <message>
        <source>Password for %1:</source>
        <translation>%1 的密码：</translation>
    </message>
</context>
</TS>
