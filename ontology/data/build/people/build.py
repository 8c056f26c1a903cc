import glob, re, sys, unicodedata, collections
import os; HERE=os.path.dirname(os.path.abspath(__file__)); D=os.path.join(HERE, '..', '..', '')
def read_tsv(p):
    lines=open(p,encoding='utf-8').read().split('\n')
    h=lines[0].split('\t'); rows=[]
    for l in lines[1:]:
        if l.strip()=='' : continue
        c=l.split('\t'); rows.append(dict(zip(h,c)))
    return h,rows
ph,people=read_tsv(D+'people.tsv'); oh,offices=read_tsv(D+'offices.tsv')
ch,countries=read_tsv(D+'countries.tsv'); gh,orgs=read_tsv(D+'organisations.tsv')
cname={r['iso_alpha2']:r['name_en'] for r in countries}
ORGFULL={'EU':'the European Union','NATO':'NATO','OSCE':'the OSCE','OPEC':'OPEC','Commonwealth':'the Commonwealth Secretariat','Council of Europe':'the Council of Europe','IMF':'the IMF','World Bank':'the World Bank Group','WTO':'the WTO','WHO':'the WHO','IAEA':'the IAEA','NDB':'the New Development Bank','UNESCO':'UNESCO','UN':'the United Nations','UNGA':'the UN General Assembly','GCC':'the GCC Secretariat','EAEU':'the Eurasian Economic Commission','Union State':'the Union State','EDB':'the Eurasian Development Bank','OTS':'the Organization of Turkic States','OAS':'the OAS','CARICOM':'the CARICOM Secretariat','PIF':'the Pacific Islands Forum Secretariat','ECOWAS':'the ECOWAS Commission','SADC':'the SADC Secretariat','EAC':'the EAC Secretariat','IGAD':'IGAD','AfDB':'the African Development Bank'}
EXTRA_ORGS=set(ORGFULL)-{r['short_en'] for r in orgs}
POS={'president','prime_minister','vice_president','deputy_prime_minister','foreign_minister','king','emir','crown_prince','head_of_state','secretary_general','commission_chair','spokesperson','presidential_aide'}
persons=[]; offs=[]
for f in sorted(glob.glob(os.path.join(HERE, '[0-9]*.txt'))):
    grp=None
    for n,l in enumerate(open(f,encoding='utf-8'),1):
        l=l.rstrip('\n')
        if not l.strip() or l.startswith('#'): continue
        if l.startswith('= '): grp=l[2:].strip(); continue
        if l.startswith('+ '):
            c=[x.strip() for x in l[2:].split('~')]
            assert len(c)==5,(f,n,l)
            pos,of,st,en,note=c
            if of=='.': of=grp
            offs.append(dict(person_slug=persons[-1]['slug'],position=pos,of=of,start=st,end=en,note=note,grp=grp,loc=(f,n)))
            continue
        c=[x.strip() for x in l.split('~')]
        assert len(c) in (8,9),(f,n,len(c),l)
        qid=c[8] if len(c)==9 else ''
        persons.append(dict(slug=c[0],qid=qid,en=c[1],ar=c[2],ru=c[3],aen=c[4],aar=c[5],aru=c[6],g={'m':'male','f':'female'}[c[7]],grp=grp,loc=(f,n)))
def split(s): return [x.strip() for x in s.split('|') if x.strip()]
def fold(t):
    t=unicodedata.normalize('NFKC',t)
    o=[]
    for ch in t:
        if re.match('[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]',ch): continue
        ch={'أ':'ا','إ':'ا','آ':'ا','ٱ':'ا','ة':'ه','ى':'ي','ی':'ي','ئ':'ي','ؤ':'و','ک':'ك','ё':'е','Ё':'е'}.get(ch,ch)
        if ch in "-‐‑‒–—.'’‘`ʼ\"«»“”_,،/()": ch=' '
        for d in unicodedata.normalize('NFD',ch.lower()):
            if not unicodedata.combining(d): o.append(d)
    w=''.join(o).split()
    w=[x[2:] if x.startswith('ال') and len(x)>=4 and re.match('[\u0620-\u064A\u0671-\u06D3]{2}',x[2:]) else x for x in w]
    return ' '.join(w)
# source strings
def psource(p):
    g=p['grp']
    if g in cname: where=f"official presidency/government/foreign-ministry announcements of {cname[g]}"
    else: where=f"official announcements of {ORGFULL.get(g,g)}"
    return (f"compiled from the compiler's knowledge of {where} and wire reports (not re-fetched); "
            "ar/ru: usual news spellings from compiler knowledge (cf. Al Jazeera/Sky News Arabia/RT Arabic; TASS/RIA), not checked against a specific article; to verify")
errors=[]
DROP={fold(x.strip()) for x in open(os.path.join(HERE, 'drop.txt'),encoding='utf-8') if x.strip() and not x.startswith('#')}
dropped=[]
existing_slugs={r['slug'] for r in people}
existing_names={fold(r['name_en']) for r in people}
seen=set()
out_p=[]
for p in persons:
    s=p['slug']
    if not re.fullmatch('[a-z0-9]+(-[a-z0-9]+)*',s): errors.append(('badslug',s))
    if s in existing_slugs or s in seen: errors.append(('dupslug',s))
    if fold(p['en']) in existing_names: errors.append(('dupname',s))
    seen.add(s)
    for k in ('en','ar','ru'):
        if not p[k]: errors.append(('emptyname',s,k))
    if not re.search('[\u0600-\u06FF]',p['ar']): errors.append(('ar-script',s))
    if not re.search('[А-Яа-яЁё]',p['ru']): errors.append(('ru-script',s))
    if re.search('[A-Za-z]',p['ar']) or re.search('[A-Za-z]',re.sub(r'\b[IVXL]+\b','',p['ru'])): errors.append(('latin-in-ar/ru',s))
    al={}
    for k,nk in (('aen','en'),('aar','ar'),('aru','ru')):
        seenk={fold(p[nk])}; lst=[]
        for a in split(p[k]):
            if fold(a) in seenk: continue
            if fold(a) in DROP: dropped.append((s,a)); continue
            seenk.add(fold(a)); lst.append(a)
        al[k]=' | '.join(lst)
        if k=='aar' and any(re.search('[A-Za-z]',a) for a in lst): errors.append(('latin in ar alias',s))
        if k=='aru' and any(re.search('[A-Za-z]',re.sub(r'\b[IVXL]+\b','',a)) for a in lst): errors.append(('latin in ru alias',s))
    out_p.append([s,p['qid'],p['en'],p['ar'],p['ru'],al['aen'],al['aar'],al['aru'],p['g'],psource(p)])
out_p.sort(key=lambda r:r[0])
allslugs=existing_slugs|seen
known_of=set(cname)|{r['short_en'] for r in orgs}|{r['name_en'] for r in orgs}|EXTRA_ORGS
out_o=[]
DATE=re.compile(r'^(\d{4})(-\d{2})?(-\d{2})?$')
for o in offs:
    if o['position'] not in POS: errors.append(('pos',o))
    if o['of'] not in known_of: errors.append(('of',o['of'],o['person_slug']))
    for k in ('start','end'):
        if o[k] and not DATE.match(o[k]): errors.append(('date',o['person_slug'],o[k]))
    if o['start'] and o['end'] and o['end']<o['start'][:len(o['end'])]: errors.append(('order',o['person_slug'],o['start'],o['end']))
    src="compiler's knowledge of official announcements and wire reports (not re-fetched)"
    if o['note']: src+='; '+o['note']
    out_o.append([o['person_slug'],o['position'],o['of'],o['start'],o['end'],src])
# extra office rows for existing people
for l in open(os.path.join(HERE, 'existing_offices.txt'),encoding='utf-8'):
    if not l.strip() or l.startswith('#'): continue
    c=[x.strip() for x in l.split('~')]
    src="compiler's knowledge of official announcements and wire reports (not re-fetched)"+('; '+c[5] if c[5] else '')
    out_o.append(c[:5]+[src])
for r in out_o:
    if r[0] not in allslugs: errors.append(('noperson',r[0]))
    if r[2] not in known_of: errors.append(('of',r[2],r[0]))
    if r[1] not in POS: errors.append(('pos',r))
out_o.sort(key=lambda r:(r[0],r[3],r[1]))
# collisions
idx=collections.defaultdict(set)
allp=[[r[k] for k in ph] for r in people]+out_p
for r in allp:
    for col in (2,3,4): idx[fold(r[col])].add(r[0])
    for col in (5,6,7):
        for a in split(r[col]): idx[fold(a)].add(r[0])
for k,v in sorted(idx.items()):
    if len(v)>1: errors.append(('collision',k,sorted(v)))
placenames=set()
for r in countries:
    for k in ('name_en','name_ar','name_ru'): placenames.add(fold(r[k]))
    for k in ('aliases_en','aliases_ar','aliases_ru'):
        for a in split(r[k]): placenames.add(fold(a))
_,cities=read_tsv(D+'cities.tsv')
for r in cities:
    for k in ('name_en','name_ar','name_ru'): placenames.add(fold(r.get(k,'')))
    for k in ('other_names_en','aliases_ar','aliases_ru'):
        for a in split(r.get(k,'')): placenames.add(fold(a))
for r in orgs:
    for k in r:
        if k.startswith(('name_','aliases_','short_')):
            for a in split(r[k]): placenames.add(fold(a))
for k,v in idx.items():
    if k in placenames and any(s in seen for s in v): errors.append(('placename',k,sorted(v)))
def write(p,h,rows):
    with open(p,'w',encoding='utf-8',newline='\n') as f:
        f.write('\t'.join(h)+'\n')
        for r in rows:
            for c in r: assert '\t' not in c and '\n' not in c
            assert len(r)==len(h)
            f.write('\t'.join(r)+'\n')
for e in errors: print(*e)
print('dropped',len(dropped)); print('people',len(out_p),'offices',len(out_o),'errors',len(errors))
if '--write' in sys.argv:
    write(D+'people-more.tsv',ph,out_p); write(D+'offices-more.tsv',oh,out_o)
