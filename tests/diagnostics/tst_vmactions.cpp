// VM actions as commands: by UUID on xapi hosts, by domain id on xl/xm, never by name.
#include "DomainGuard.h"
#include "VmActions.h"

#include <QTest>

using namespace xr;
using namespace Qt::StringLiterals;

class TestVmActions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void xapiByUuid()
    {
        const QString uuid = u"7b1e2f3a-1111-4222-8333-444455556666"_s;
        const VmActionTarget t{FlavourKind::XapiModern, uuid, 12};
        QCOMPARE(VmActions::command(VmAction::Start, t)->toShell(), u"xe vm-start uuid="_s + uuid);
        QCOMPARE(VmActions::command(VmAction::Shutdown, t)->toShell(), u"xe vm-shutdown uuid="_s + uuid);
        QCOMPARE(VmActions::command(VmAction::ForceShutdown, t)->toShell(), u"xe vm-shutdown --force uuid="_s + uuid);
        QCOMPARE(VmActions::command(VmAction::Reboot, t)->toShell(), u"xe vm-reboot uuid="_s + uuid);
        QCOMPARE(VmActions::command(VmAction::ForceReboot, t)->toShell(), u"xe vm-reboot --force uuid="_s + uuid);
        QVERIFY(VmActions::isForced(VmAction::ForceShutdown));
        QVERIFY(!VmActions::isForced(VmAction::Shutdown));
        QVERIFY(!VmActions::consequence(VmAction::ForceReboot).isEmpty());
    }

    void hostileUuidIsRefused()
    {
        QString why;
        for (const QString& bad : {u""_s, u"x; rm -rf /"_s, u"7b1e2f3a-1111-4222-8333-44445555666$"_s,
                                   u"7b1e2f3a-1111-4222-8333-444455556666\n"_s}) {
            QVERIFY(!VmActions::command(VmAction::ForceShutdown, {FlavourKind::XapiLegacy, bad, -1}, &why));
            QVERIFY(!why.isEmpty());
        }
    }

    void xlAndXmByDomid()
    {
        QCOMPARE(VmActions::command(VmAction::Shutdown, {FlavourKind::Xl, {}, 7})->toShell(), u"xl shutdown 7"_s);
        QCOMPARE(VmActions::command(VmAction::Reboot, {FlavourKind::Xm, {}, 3})->toShell(), u"xm reboot 3"_s);
        QString why;
        QVERIFY(!VmActions::command(VmAction::Start, {FlavourKind::Xl, {}, -1}, &why));
        QVERIFY(why.contains(u"xl create"_s));
        QVERIFY(!VmActions::command(VmAction::ForceShutdown, {FlavourKind::Xl, {}, 7}, &why));
        QVERIFY(why.contains(u"Rescue"_s));
        QVERIFY(!VmActions::command(VmAction::Shutdown, {FlavourKind::Xm, {}, -1}, &why));
        QVERIFY(!VmActions::command(VmAction::Shutdown, {FlavourKind::Xm, {}, 0}, &why)); // never dom0
    }

    void whatIsSentByDomidCarriesTheGuard()
    {
        // The action runs only after the host confirmed, in the same command, that the id is
        // still this domain's (by name: plain `xl list` prints no UUID).
        const std::optional<ShellCommand> shutdown =
            VmActions::commandToSend(VmAction::Shutdown, {FlavourKind::Xl, {}, 7}, u"web"_s);
        QVERIFY(shutdown);
        QVERIFY(DomainGuard::isGuarded(*shutdown));
        QCOMPARE(DomainGuard::action(*shutdown), (ShellCommand{u"xl"_s, {u"shutdown"_s, u"7"_s}}));
        QVERIFY(shutdown->toShell().startsWith(u"/bin/sh -c "_s));
        QVERIFY(shutdown->toShell().endsWith(u" xenrescue-guard 7 name web xl shutdown 7"_s));
        // With a UUID, the VM's xenstore path.
        const QString uuid = u"7B1E2F3A-1111-4222-8333-444455556666"_s;
        const std::optional<ShellCommand> reboot =
            VmActions::commandToSend(VmAction::Reboot, {FlavourKind::Xm, uuid, 3}, u"app"_s);
        QVERIFY(reboot);
        QVERIFY(reboot->toShell().endsWith(u" xenrescue-guard 3 vm /vm/"_s + uuid.toLower() + u" xm reboot 3"_s));
        // xapi actions go by UUID: nothing to guard.
        QCOMPARE(VmActions::commandToSend(VmAction::ForceShutdown, {FlavourKind::XapiModern, uuid, 3}, {}),
                 VmActions::command(VmAction::ForceShutdown, {FlavourKind::XapiModern, uuid, 3}));
        QString why;
        // Nothing to check the id against: never a bare domain id.
        QVERIFY(!VmActions::commandToSend(VmAction::Shutdown, {FlavourKind::Xl, {}, 7}, {}, &why));
        QVERIFY(why.contains(u"bare domain id"_s));
        QVERIFY(!VmActions::commandToSend(VmAction::Shutdown, {FlavourKind::Xl, {}, 7}, u"(null)"_s, &why));
        QVERIFY(!VmActions::commandToSend(VmAction::Start, {FlavourKind::Xl, {}, -1}, u"web"_s, &why));
        QVERIFY(why.contains(u"xl create"_s));
    }
};

QTEST_GUILESS_MAIN(TestVmActions)
#include "tst_vmactions.moc"
