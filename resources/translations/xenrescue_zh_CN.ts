<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditLog</name>
    <message>
        <source>Cannot write the audit log %1: %2</source>
        <translation>无法写入审计日志 %1：%2</translation>
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
    <name>SshHost</name>
    <message>
        <source>The keychain is switched off for this host: you will be asked each time.</source>
        <translation>此主机未启用系统密钥环：每次连接都会询问您。</translation>
    </message>
    <message>
        <source>%1 Passwords cannot be remembered, so you will be asked each time.</source>
        <translation>%1 无法记住密码，因此每次连接都会询问您。</translation>
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
</context>
<context>
    <name>xr::EmptyStatePane</name>
    <message>
        <source>Empty pane</source>
        <translation>空白面板</translation>
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
        <source>Connected. The pool, its VMs and their power state as xapi and the hypervisor see them will be shown here in a coming version.</source>
        <translation>已连接。后续版本将在这里显示资源池、其中的虚拟机，以及 xapi 和 hypervisor 各自看到的电源状态。</translation>
    </message>
</context>
<context>
    <name>xr::HostTreeModel</name>
    <message>
        <source>connected: %1/%2</source>
        <translation>已连接：%1/%2</translation>
    </message>
    <message>
        <source>Pool %1: %2</source>
        <translation>资源池 %1：%2</translation>
    </message>
    <message>
        <source>%1 (%2)
State: %3</source>
        <translation>%1（%2）
状态：%3</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
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
        <source>Read the state of the selected host and its VMs again.</source>
        <translation>重新读取所选主机及其虚拟机的状态。</translation>
    </message>
    <message>
        <source>XenRescue connects to hosts but does not read their state yet.</source>
        <translation>XenRescue 目前只能连接主机，尚不能读取主机状态。</translation>
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
        <source>XenRescue does not list VMs yet; VM actions come with the VM list.</source>
        <translation>XenRescue 尚不能列出虚拟机；虚拟机操作将与虚拟机列表一同提供。</translation>
    </message>
    <message>
        <source>&amp;Shut Down</source>
        <translation>关机(&amp;S)</translation>
    </message>
    <message>
        <source>Ask the selected VM to shut down cleanly.</source>
        <translation>请求所选虚拟机正常关机。</translation>
    </message>
    <message>
        <source>&amp;Force Shutdown</source>
        <translation>强制关机(&amp;F)</translation>
    </message>
    <message>
        <source>Power off the selected VM without asking its operating system.</source>
        <translation>不经虚拟机操作系统同意，直接关闭所选虚拟机的电源。</translation>
    </message>
    <message>
        <source>Re&amp;boot</source>
        <translation>重启(&amp;B)</translation>
    </message>
    <message>
        <source>Restart the selected VM cleanly.</source>
        <translation>正常重启所选虚拟机。</translation>
    </message>
    <message>
        <source>Rescue &amp;VM…</source>
        <translation>恢复虚拟机(&amp;V)…</translation>
    </message>
    <message>
        <source>Diagnose a hung VM and walk the recovery steps, safest first.</source>
        <translation>诊断无响应的虚拟机，并从最安全的步骤开始逐级执行恢复步骤。</translation>
    </message>
    <message>
        <source>the rescue wizard is being built.</source>
        <translation>恢复向导尚在开发中。</translation>
    </message>
    <message>
        <source>&amp;Logs</source>
        <translation>日志(&amp;L)</translation>
    </message>
    <message>
        <source>Browse the host&apos;s logs side by side.</source>
        <translation>并排查看主机的日志。</translation>
    </message>
    <message>
        <source>the log browser is being built.</source>
        <translation>日志浏览器尚在开发中。</translation>
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
        <source>Filter: name, address, state</source>
        <translation>筛选：名称、地址、状态</translation>
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
        <source>Pools and hosts</source>
        <translation>资源池和主机</translation>
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
        <source>Select a host in the tree first.</source>
        <translation>请先在树中选择一台主机。</translation>
    </message>
    <message>
        <source>Connect to a host first: choose Connect… (%1).</source>
        <translation>请先连接主机：选择“连接…”（%1）。</translation>
    </message>
    <message>
        <source>The host&apos;s logs (xensource.log, SMlog, the hypervisor&apos;s own) will appear here, side by side and merged by time. %1</source>
        <translation>这里将显示主机的日志（xensource.log、SMlog 以及 hypervisor 自身的日志），可并排查看或按时间合并。%1</translation>
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
        <source>Every command XenRescue sends to a host will be listed here with its result, as recorded in the audit log. %1</source>
        <translation>XenRescue 发送到主机的每条命令及其结果都会列在这里，与审计日志中的记录一致。%1</translation>
    </message>
    <message>
        <source>Connect to %1 to see this.</source>
        <translation>连接 %1 后即可查看。</translation>
    </message>
    <message>
        <source>XenRescue is connected to %1 but does not read this yet: it arrives in a coming version.</source>
        <translation>XenRescue 已连接到 %1，但尚不能读取这部分内容：将在后续版本中提供。</translation>
    </message>
    <message>
        <source>Logs of %1</source>
        <translation>%1 的日志</translation>
    </message>
    <message>
        <source>xensource.log, SMlog and the hypervisor&apos;s logs will appear here. %1</source>
        <translation>这里将显示 xensource.log、SMlog 和 hypervisor 的日志。%1</translation>
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
        <source>History of %1</source>
        <translation>%1 的历史</translation>
    </message>
    <message>
        <source>No commands have been sent to %1 from this window. Each command XenRescue sends is listed here with its result, and recorded in the audit log (%2).</source>
        <translation>本窗口尚未向 %1 发送任何命令。XenRescue 发送的每条命令及其结果都会列在这里，并记录在审计日志（%2）中。</translation>
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
    <name>xr::SshWorker</name>
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
</context>
</TS>
