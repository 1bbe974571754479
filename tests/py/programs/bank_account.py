# A small ledger: accounts in a dict of dicts, errors for invalid operations, a final report.
accounts = {}

def open_account(name, balance=0):
    if accounts.get(name) != None:
        raise ValueError('account exists: ' + name)
    accounts[name] = {'balance': balance, 'history': []}

def deposit(name, amount):
    if amount <= 0:
        raise ValueError('deposit must be positive')
    acct = accounts[name]
    acct['balance'] = acct['balance'] + amount
    acct['history'].append(amount)

def withdraw(name, amount):
    acct = accounts[name]
    if amount > acct['balance']:
        raise RuntimeError('insufficient funds in ' + name + ': ' + str(acct['balance']) + ' < ' + str(amount))
    acct['balance'] = acct['balance'] - amount
    acct['history'].append(-amount)

def transfer(src, dst, amount):
    withdraw(src, amount)
    deposit(dst, amount)

open_account('alice', 100)
open_account('bob')
operations = [
    ['deposit', 'bob', 50],
    ['transfer', 'alice', 'bob', 30],
    ['withdraw', 'bob', 500],
    ['deposit', 'carol', 5],
    ['deposit', 'alice', -5],
    ['open', 'bob'],
    ['transfer', 'bob', 'alice', 80.5],
]
for op in operations:
    try:
        if op[0] == 'deposit':
            deposit(op[1], op[2])
        elif op[0] == 'withdraw':
            withdraw(op[1], op[2])
        elif op[0] == 'transfer':
            transfer(op[1], op[2], op[3])
        else:
            open_account(op[1])
        print('ok', op)
    except ValueError as e:
        print('invalid:', e)
    except RuntimeError as e:
        print('refused:', e)
    except KeyError as e:
        print('no such account:', e)
print(accounts)
