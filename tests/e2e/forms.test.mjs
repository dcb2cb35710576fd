// The forms (issue 7): Multus networks and Calico pools built through the forms, the form
// following hand edits, comments kept, a broken annotation fixed from the form, and every
// wizard path producing YAML without errors or warnings.
import {
  OUT, SAMPLE, FIXED_LINE_6, openEditor, setSource, editorValue, assert, assertEqual, noProblems,
} from './harness.mjs';

const ENV = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: macvlan-conf
spec:
  config: '{"cniVersion":"0.3.1","name":"macvlan-conf","type":"macvlan","master":"eth0","mode":"bridge","capabilities":{"ips":true,"mac":true},"ipam":{"type":"static"}}'
---
apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: bridge-net
spec:
  config: '{"cniVersion":"0.3.1","name":"bridge-net","type":"bridge","bridge":"br0","ipam":{"type":"whereabouts","range":"192.168.20.0/24"}}'
---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata:
  name: pool-a
spec:
  cidr: 10.10.0.0/16
  nodeSelector: all()
---
`;

const BARE_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web  # the web pod
spec:
  containers:
  - name: app
    image: nginx
`;

const BUILT_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web  # the web pod
  annotations:
    k8s.v1.cni.cncf.io/networks: '[{"name":"macvlan-conf","ips":["10.1.1.10/24"],"mac":"02:00:00:00:00:0a"},{"name":"bridge-net"}]'
    cni.projectcalico.org/ipv4pools: '["pool-a"]'
spec:
  containers:
  - name: app
    image: nginx
`;

// Waits for `fn` in the page, naming `what` when it times out.
async function until(page, what, fn, arg) {
  try {
    await page.waitForFunction(fn, arg, { timeout: 20000 });
  } catch (e) {
    const text = await page.evaluate(() => window.podnetEditor && window.podnetEditor.getValue());
    throw new Error(`waiting for ${what}: ${e.message.split('\n')[0]}\neditor text:\n${text}`);
  }
}

async function openForms(page) {
  await page.click('#forms-button');
  await page.waitForSelector('#forms-panel:not([hidden])');
}

// Waits until the editor holds `text` and the findings list shows the check of it.
async function waitChecked(page) {
  await page.waitForFunction(() => {
    const c = window.podnetChecked;
    const m = window.podnetEditor && window.podnetEditor.getModel();
    return c && m && c.version === m.getVersionId();
  }, null, { timeout: 10000 });
}

async function setField(page, selector, value) {
  await page.fill(selector, value);
  await page.press(selector, 'Tab'); // `change` fires when the field is left
}

async function findingsSummary(page) {
  return page.evaluate(() => window.monaco.editor.getModelMarkers({ owner: 'podnet' })
    .map((m) => `${m.severity} ${m.code && m.code.value !== undefined ? m.code.value : m.code} ${m.message}`));
}

export const tests = [
  {
    name: 'build a Pod with two Multus attachments and an IPv4 pool through the forms',
    async fn(browser) {
      const { page, problems } = await openEditor(browser);
      await setSource(page, ENV + BARE_POD);
      await openForms(page);
      await page.waitForSelector('#networks-add');
      // The NAD picker offers the NADs of the document.
      const offered = await page.$$eval('#nad-options option', (os) => os.map((o) => o.value));
      assert(offered.includes('macvlan-conf') && offered.includes('bridge-net'), `NAD options: ${offered}`);

      await page.fill('#networks-add', 'macvlan-conf');
      await page.click('#networks-add-button');
      await page.waitForSelector('#net-0-ips');
      assertEqual(await page.getAttribute('#net-0-interface', 'placeholder'), 'net1', 'assigned interface shown');
      await setField(page, '#net-0-ips', '10.1.1.10/24');
      await until(page, 'the IPs in the YAML', () => window.podnetEditor.getValue().includes('"ips":["10.1.1.10/24"]'));
      await setField(page, '#net-0-mac', '02:00:00:00:00:0a');
      await until(page, 'the MAC in the YAML', () => window.podnetEditor.getValue().includes('"mac":"02:00:00:00:00:0a"'));
      await page.fill('#networks-add', 'bridge-net');
      await page.press('#networks-add', 'Enter');
      await page.waitForSelector('#net-1-name');
      assertEqual(await page.getAttribute('#net-1-interface', 'placeholder'), 'net2', 'second assigned interface');
      // The IPv4 pool, picked from the document's IPPools.
      const pools = await page.$$eval('#pool-options-4 option', (os) => os.map((o) => o.value));
      assert(pools.includes('pool-a') && pools.includes('10.10.0.0/16'), `pool options: ${pools}`);
      await page.fill('#calico-ipv4pools-add', 'pool-a');
      await page.click('#calico-ipv4pools-add-button');
      await until(page, 'the pool in the YAML', () => window.podnetEditor.getValue().includes('ipv4pools'));

      assertEqual(await editorValue(page), ENV + BUILT_POD, 'YAML built by the forms');
      await waitChecked(page);
      const findings = await findingsSummary(page);
      assertEqual(findings.length, 0, `findings on the built YAML: ${findings.join(' | ')}`);
      // The form shows what it wrote.
      assertEqual(await page.inputValue('#networks-format'), 'json', 'format follows the fields');
      assertEqual(await page.locator('#calico-ipv4pools .chip span').innerText(), 'pool-a', 'pool chip');
      await page.screenshot({ path: `${OUT}/forms-built.png`, fullPage: true });
      noProblems(problems);
    },
  },
  {
    name: 'hand edits of the annotation show in the form',
    async fn(browser) {
      const { page, problems } = await openEditor(browser);
      await setSource(page, ENV + BUILT_POD);
      await openForms(page);
      await page.waitForFunction(() => document.querySelector('#net-0-mac')?.value === '02:00:00:00:00:0a');
      await setSource(page, ENV + BUILT_POD.replace('02:00:00:00:00:0a', '02:00:00:00:00:0b')
        .replace('{"name":"bridge-net"}', '{"name":"bridge-net","interface":"data1"}'));
      await page.waitForFunction(() => document.querySelector('#net-0-mac')?.value === '02:00:00:00:00:0b');
      await page.waitForFunction(() => document.querySelector('#net-1-interface')?.value === 'data1');
      // Short form typed by hand: the form switches format and drops the removed row.
      await setSource(page, BARE_POD.replace('  name: web  # the web pod\n',
        '  name: web  # the web pod\n  annotations:\n    k8s.v1.cni.cncf.io/networks: other/net-x@eth7\n'));
      await page.waitForFunction(() => document.querySelector('#net-0-name')?.value === 'net-x' &&
        !document.querySelector('#net-1-name'));
      assertEqual(await page.inputValue('#net-0-namespace'), 'other', 'namespace from the short form');
      assertEqual(await page.inputValue('#net-0-interface'), 'eth7', 'interface from the short form');
      assertEqual(await page.inputValue('#networks-format'), 'short', 'short form shown');
      noProblems(problems);
    },
  },
  {
    name: 'a form edit keeps the comment on the neighbouring line and every other byte',
    async fn(browser) {
      const { page, problems } = await openEditor(browser);
      const before = BUILT_POD.replace('  annotations:\n',
        '  annotations:\n    # secondary networks: macvlan first\n');
      await setSource(page, before);
      await openForms(page);
      await page.waitForSelector('#net-0-mac');
      await setField(page, '#net-0-mac', '02:00:00:00:00:0c');
      await page.waitForFunction(() => window.podnetEditor.getValue().includes('02:00:00:00:00:0c'));
      const after = await editorValue(page);
      assertEqual(after, before.replace('02:00:00:00:00:0a', '02:00:00:00:00:0c'), 'only the MAC changed');
      assert(after.includes('    # secondary networks: macvlan first\n'), 'comment kept');
      // One undo in the editor restores the text before the form edit.
      await page.evaluate(() => window.podnetEditor.focus());
      await page.keyboard.press('Control+z');
      await page.waitForFunction((t) => window.podnetEditor.getValue() === t, before);
      // Remove the first attachment: the second moves up, the comment stays.
      await page.waitForFunction(() => document.querySelector('#net-0-mac')?.value === '02:00:00:00:00:0a');
      await page.click('#net-0 .remove');
      await page.waitForFunction(() => !window.podnetEditor.getValue().includes('macvlan-conf'));
      assertEqual(await editorValue(page), before.replace(
        `'[{"name":"macvlan-conf","ips":["10.1.1.10/24"],"mac":"02:00:00:00:00:0a"},{"name":"bridge-net"}]'`,
        `'[{"name":"bridge-net"}]'`), 'attachment removed');
      noProblems(problems);
    },
  },
  {
    name: 'a broken annotation is shown with its finding and fixed from the form',
    async fn(browser) {
      const { page, problems } = await openEditor(browser);
      await setSource(page, SAMPLE);
      await openForms(page);
      await page.waitForSelector('#calico-ipv4pools-broken');
      const raw = await page.locator('#calico-ipv4pools-broken .raw').innerText();
      assertEqual(raw, 'default-ipv4-ippool', 'raw value kept');
      const err = await page.locator('#calico-ipv4pools-broken .go-error').innerText();
      assertEqual(err, "invalid character 'd' looking for beginning of value", 'Go error text');
      assert(await page.isDisabled('#calico-ipv4pools-add'), 'adding disabled while broken');
      await page.waitForSelector('#msg-calico-ipv4pools .field-fix');
      const msg = await page.locator('#msg-calico-ipv4pools .field-msg').first().innerText();
      assert(msg.includes('CAL-A001'), `finding at the field: ${msg}`);
      await page.screenshot({ path: `${OUT}/forms-broken.png`, fullPage: true });
      await page.click('#msg-calico-ipv4pools .field-fix');
      await page.waitForFunction(() => window.podnetEditor.getModel().getLineContent(6).includes("'[\"default-ipv4-ippool\"]'"));
      assertEqual(await page.evaluate(() => window.podnetEditor.getModel().getLineContent(6)), FIXED_LINE_6, 'fixed line');
      await page.waitForSelector('#calico-ipv4pools .chip');
      assert(!(await page.isVisible('#calico-ipv4pools-broken')), 'broken box gone');
      // The Multus annotation of the sample is fine: its form is there.
      assertEqual(await page.inputValue('#net-0-name'), 'flannel-conf', 'networks form');
      noProblems(problems);
    },
  },
  {
    name: 'the pod picker edits the chosen pod; a broken networks value is shown with its fix',
    async fn(browser) {
      const { page, problems } = await openEditor(browser);
      const second = BARE_POD.replace('name: web  # the web pod', 'name: db')
        .replace('spec:\n', `  annotations:\n    k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf"},]'\nspec:\n`);
      await setSource(page, ENV + BARE_POD + '---\n' + second);
      await openForms(page);
      await page.waitForSelector('#form-target:visible');
      const labels = await page.$$eval('#form-target option', (os) => os.map((o) => o.textContent));
      assertEqual(JSON.stringify(labels), JSON.stringify(['Pod default/web', 'Pod default/db']), 'picker');
      await page.selectOption('#form-target', '1');
      await page.waitForSelector('#networks-broken');
      assertEqual(await page.locator('#networks-broken .raw').innerText(), '[{"name": "macvlan-conf"},]', 'raw value kept');
      assert((await page.locator('#networks-broken .go-error').innerText())
        .includes("invalid character ']' looking for beginning of value"), 'Multus error shown');
      await page.waitForSelector('#msg-networks .field-fix');
      await page.click('#msg-networks .field-fix');
      await page.waitForSelector('#net-0-name');
      assertEqual(await page.inputValue('#net-0-name'), 'macvlan-conf', 'fixed value read by the form');
      // Edits go to the chosen pod only.
      await setField(page, '#net-0-interface', 'data9');
      await until(page, 'interface in the second pod', () => window.podnetEditor.getValue().includes('data9'));
      const text = await editorValue(page);
      assert(text.startsWith(ENV + BARE_POD), 'first pod untouched');
      assert(text.slice((ENV + BARE_POD).length).includes('data9'), 'second pod edited');
      noProblems(problems);
    },
  },
  {
    name: 'the Calico form refuses forbidden combinations and explains',
    async fn(browser) {
      const { page, problems } = await openEditor(browser);
      await setSource(page, ENV + BUILT_POD);
      await openForms(page);
      await page.waitForSelector('#calico-mode-fixed');
      await page.check('#calico-mode-fixed');
      // Fixed mode with no address yet: type one; the pool annotation goes (Calico ignores it).
      await page.waitForSelector('#calico-fixed-v4');
      await setField(page, '#calico-fixed-v4', '10.10.0.7/32');
      await page.waitForSelector('#msg-calico-fixed-v4 .field-msg');
      assert((await page.locator('#msg-calico-fixed-v4').innerText()).includes('bare address'), 'prefix refused');
      await setField(page, '#calico-fixed-v4', '10.10.0.7');
      await page.waitForFunction(() => window.podnetEditor.getValue().includes(`cni.projectcalico.org/ipAddrs: '["10.10.0.7"]'`));
      assert(!(await editorValue(page)).includes('ipv4pools'), 'pools removed with fixed address');
      assert(await page.isDisabled('#calico-ipv4pools-add'), 'pools disabled in fixed mode');
      assert((await page.locator('#calico-ipv4pools .explain').innerText()).includes('ignores ipv4pools'), 'why');
      // Switching to no-IPAM moves the address; both annotations never coexist.
      await page.check('#calico-mode-noipam');
      await page.waitForFunction(() => window.podnetEditor.getValue().includes('ipAddrsNoIpam'));
      assert(!(await editorValue(page)).includes('ipAddrs:'), 'ipAddrs gone');
      // A Deployment with replicas: 3 cannot use fixed addresses.
      await setSource(page, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  replicas: 3
  selector:
    matchLabels: {app: d}
  template:
    metadata:
      labels: {app: d}
    spec:
      containers:
      - name: app
        image: nginx
`);
      await page.waitForFunction(() => document.querySelector('#calico-mode-fixed')?.disabled === true);
      assert((await page.locator('#calico-fixed-blocked').innerText()).includes('replicas: 3'), 'explained');
      await page.screenshot({ path: `${OUT}/forms-calico.png`, fullPage: true });
      noProblems(problems);
    },
  },
  {
    name: 'every wizard path produces YAML without errors or warnings',
    async fn(browser) {
      const { page, problems } = await openEditor(browser);
      await page.click('#wizard-button');
      await page.waitForSelector('#wizard-panel:not([hidden])');
      const kinds = await page.$$eval('#wizard-kind option', (os) => os.map((o) => o.value));
      const cnis = await page.$$eval('#wizard-cni option', (os) => os.map((o) => o.value));
      let paths = 0;
      for (const kind of kinds) {
        for (const cni of cnis) {
          await page.selectOption('#wizard-kind', kind);
          await page.selectOption('#wizard-cni', cni);
          const ipams = await page.$$eval('#wizard-ipam option', (os) => os.filter((o) => !o.disabled).map((o) => o.value));
          for (const ipam of ipams) {
            await page.selectOption('#wizard-ipam', ipam);
            if (!(await page.isVisible('#wizard-panel'))) await page.click('#wizard-button');
            await page.click('#wizard-replace');
            await page.waitForFunction(() => document.querySelector('#wizard-panel').hidden);
            await waitChecked(page);
            const text = await editorValue(page);
            const bad = (await findingsSummary(page)).filter((f) => !f.startsWith('2 ') && !f.startsWith('1 '));
            assertEqual(bad.length, 0, `${kind} ${cni} ${ipam}: ${bad.join(' | ')}\n${text}`);
            assert(text.includes(kind === 'Nad' ? 'kind: NetworkAttachmentDefinition' : `kind: ${kind}`), `${kind} in ${text}`);
            paths += 1;
            await page.click('#wizard-button');
          }
        }
      }
      assert(paths >= 12, `only ${paths} wizard paths`);
      await page.screenshot({ path: `${OUT}/wizard.png`, fullPage: true });
      noProblems(problems);
    },
  },
  {
    name: 'port mappings and bandwidth from the "More fields" section',
    async fn(browser) {
      const { page, problems } = await openEditor(browser);
      await setSource(page, ENV + BUILT_POD);
      await openForms(page);
      await page.waitForSelector('#net-1-name');
      await page.click('#net-1 details.more summary');
      await page.click('#net-1-port-add');
      await until(page, 'the port mapping in the YAML', () => window.podnetEditor.getValue().includes('"portMappings"'));
      await page.waitForSelector('#net-1-port-0-host');
      await setField(page, '#net-1-port-0-host', '9090');
      await until(page, 'the host port in the YAML', () => window.podnetEditor.getValue().includes('"hostPort":9090'));
      await setField(page, '#net-1-egress_rate', '1000');
      await until(page, 'the bandwidth in the YAML', () => window.podnetEditor.getValue().includes('"bandwidth"'));
      assert((await editorValue(page)).includes(
        `{"name":"bridge-net","portMappings":[{"hostPort":9090,"containerPort":80,"protocol":"tcp"}],"bandwidth":{"egressRate":1000}}`),
        `written: ${await editorValue(page)}`);
      noProblems(problems);
    },
  },
  {
    name: 'forms screenshots, light and dark',
    async fn(browser) {
      for (const colorScheme of ['light', 'dark']) {
        const { page, problems } = await openEditor(browser, { colorScheme });
        await setSource(page, ENV + BUILT_POD);
        await openForms(page);
        await page.waitForSelector('#net-1-name');
        await page.click('#net-0 details.more summary');
        await page.locator('#forms-panel').screenshot({ path: `${OUT}/forms-${colorScheme}.png` });
        noProblems(problems);
      }
    },
  },
];
